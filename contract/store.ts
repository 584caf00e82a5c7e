/**
 * The store queue: the task queue of the activities that read or write a run's files. Only
 * workers of the owning machine (started with that store name) poll it, so the run's directory
 * lives on one disk however many machines evaluate its units.
 */
export function storeQueueOf(taskQueue: string, store: string): string {
  return `${taskQueue}-store@${store}`;
}
