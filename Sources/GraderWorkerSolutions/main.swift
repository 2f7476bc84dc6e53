// The worker process: answers the judge's requests with the reference implementations.
// It links only Solutions and the wire codec (WorkerKit); see docs/architecture.md.
import Solutions
import WorkerKit

WorkerMain.run(DispatchTable(serving: ReferenceImplementation.self))
