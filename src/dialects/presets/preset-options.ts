/** Options every neighbour preset accepts. */
export interface PresetDialectOptions {
  /** Whether a turn without the reasoning tag is malformed. Default true. */
  requireThink?: boolean;
}
