// Stylesheets imported by components are irrelevant to behaviour in jest.
module.exports = {}
