// Runs before the test framework: the platform the app code believes it is on.
// Tests of the H5 branch set 'h5' themselves and restore it.
process.env.TARO_ENV = 'weapp'
