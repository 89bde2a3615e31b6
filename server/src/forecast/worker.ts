// Runs one publish forecast off the API's thread; see forecast.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { forecastFromLiveState, type LiveStateInput } from '@recall/engine'

parentPort?.postMessage(forecastFromLiveState(workerData as LiveStateInput))
