// The worker process: answers the judge's requests with the student's implementations.
// It links only Exercises and the wire codec (WorkerKit); see docs/architecture.md.
import Exercises
import WorkerKit

WorkerMain.run(DispatchTable(serving: StudentImplementation.self))
