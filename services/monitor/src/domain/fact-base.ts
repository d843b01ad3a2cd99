/**
 * The monitor's read model: one small "fact" per aggregate, built only from events. Each fact
 * carries `v`, the version of the aggregate event it was last built from; an event whose version
 * is not higher changes nothing (re-delivery, replay, an older event after a newer one).
 * Times are epoch milliseconds (numbers are smaller than strings in memory and compare fast).
 */
export interface FactBase {
  /** The aggregate id (relief id for reliefs). */
  _id: string;
  v: number;
}
