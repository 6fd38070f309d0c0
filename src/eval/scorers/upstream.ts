import type { ScorerSource } from "../scorer.js";

/**
 * The upstream commits the scorers were read from (one per repository), so that every
 * {@link ScorerSource} of one repository names the same snapshot.
 */
export const UPSTREAM_COMMITS = {
  "open-compass/VLMEvalKit": "e8e78f05f3080fe28154f2130321f17951c3be94",
  "EvolvingLMMs-Lab/lmms-eval": "75571cfe0fa36ca5ec2e6aa2bb268f9d38295af3",
  "yfzhang114/MME-RealWorld": "87096fcf6a67ee5a0016b81cb1746ccf14e1dd68",
  "Haochen-Wang409/TreeVGR": "4823ad8860f13b5eac360bba592f7c3442c6e04c",
  "Mini-o3/Mini-o3": "8654dbf42d2ea98b9d81b6cc7179026dd0598fdf",
  "CaraJ7/MMSearch": "d340f3f5ebfe6a50b938ecf4a60bcdfb23b146d6",
  "EvolvingLMMs-Lab/multimodal-search-r1": "583c6b49bb6c99db81aab56f64dbbfb8c8e1a9a3",
  "openai/simple-evals": "ee3b0318d8d1d9d72755a4120879be65f7c07e9e",
  "Alibaba-NLP/DeepResearch": "f72f75d8c3eb842f2bbbab096a12206ff66e270f",
  "SkyworkAI/Skywork-R1V": "b806cefffa71be98cdadec30ef79cdeeb703a4a0",
  "DreamMr/HR-Bench": "b17b1998fa2c1b71a737c126155826a94149ed13",
} as const;

/** An upstream repository a scorer was ported from. */
export type UpstreamRepo = keyof typeof UPSTREAM_COMMITS;

/** The {@link ScorerSource} of a function in one of the {@link UPSTREAM_COMMITS} repositories. */
export function upstream(repo: UpstreamRepo, path: string, fn: string): ScorerSource {
  return { repo, commit: UPSTREAM_COMMITS[repo], path, function: fn };
}
