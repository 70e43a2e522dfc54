// Shared by the tcb-server contract tests: they all talk to the server through
// the real @cloudbase/node-sdk, plus a raw POST for what the SDK cannot send.

/** The rejection of `promise`, asserting that it rejects. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise
  } catch (err) {
    return err as { code?: string; message: string }
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** A wire-level call, as the SDK would make it, for requests the SDK never builds. */
export async function post(serviceUrl: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${serviceUrl}?env=local&seqId=raw`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ envName: 'local', ...body }),
  })
  return (await res.json()) as Record<string, unknown>
}
