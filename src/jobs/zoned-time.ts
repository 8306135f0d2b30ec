// The job runner reads schedules in the store's zone with the engine's wall-clock helpers.
export { instantsOfWall, isTimeZone, offsetAt, stepDay, wallMs, wallTime, type WallTime } from '../engine/zoned-time.js';
