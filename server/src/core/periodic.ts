/**
 * Runs a task every `intervalMs` until stopped, one run at a time (the next waits for the previous).
 * Errors are logged and the loop goes on: these are background chores (sending mail, deadlines).
 */
export function runPeriodically(name: string, task: () => Promise<unknown>, intervalMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = task()
      .catch((error) => console.error(`[${name}]`, error))
      .finally(() => {
        if (timer !== undefined) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
