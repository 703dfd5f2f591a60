/** A fleet's tier: how much headroom and caution its decisions take by default. */
export type Tier = 'critical' | 'standard' | 'batch';
