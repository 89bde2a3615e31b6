export { DEMO_BEHAVIOURS } from './cli/demo'
export { readContacts } from './contacts/read-contacts'
export { generateSampleContacts, type SampleContact, type SampleContactOptions } from './demo/sample-contacts'
export { type ParallelOptions, simulateInParallel } from './simulation/parallel'
