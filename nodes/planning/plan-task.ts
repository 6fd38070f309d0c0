/** One plan step handed to the execute node through a LangGraph `Send`. */
export interface PlanTask {
  version: number;
  /** The step's number (1-based). */
  step: number;
  /** The trajectory index its tool call is recorded under (assigned by the scheduler, unique per wave). */
  trajectoryIndex: number;
}

/** The execute node's input: the state, plus its task. */
export type WithPlanTask<S> = S & { planTask?: PlanTask };
