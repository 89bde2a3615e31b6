export { type ParallelOptions, simulateInParallel } from './simulation/parallel'
