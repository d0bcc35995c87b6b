/**
 * The barest workflow: one workflow task and done. `npm run bench:starts` starts it at the same
 * concurrency as an import starts pipelines, so the two start rates compare on one server.
 */
export async function helloWorkflow(name: string): Promise<string> {
  return Promise.resolve(`你好，${name}`);
}
