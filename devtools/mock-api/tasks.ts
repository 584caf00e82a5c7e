import type { Task } from '../../config/task';

/**
 * Which task a request is about: the task whose whole prompt appears in the request (longest
 * prompt wins, so a prompt that contains another's is not confused), else the task whose
 * `def <entry_point>(` appears (longest name wins).
 */
export function matchTask(tasks: readonly Task[], text: string): Task | undefined {
  let best: Task | undefined;
  for (const t of tasks) {
    const p = t.prompt.trim();
    if (p && text.includes(p) && (!best || p.length > best.prompt.trim().length)) best = t;
  }
  if (best) return best;
  for (const t of tasks) {
    if (new RegExp(`def\\s+${t.entry_point}\\s*\\(`).test(text) && (!best || t.entry_point.length > best.entry_point.length)) best = t;
  }
  return best;
}
