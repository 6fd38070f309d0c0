/** Whether a process with this id exists on this machine (a killed one does not). @internal */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is another user's.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
