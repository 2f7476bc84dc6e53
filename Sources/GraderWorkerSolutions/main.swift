// The worker process: answers the judge's requests with the reference implementations.
// It links only Solutions (through ReferenceTable) and the wire codec (WorkerKit); see
// docs/architecture.md.
import ReferenceTable
import WorkerKit

WorkerMain.run(DispatchTable(referenceHandlers))
