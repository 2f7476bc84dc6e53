// `grader-launcher`: starts one grader worker in a sandbox, for the judge. Never links
// student code; see WorkerSandbox's `Launcher` and docs/security.md.
import WorkerSandbox

Launcher.main(CommandLine.arguments)
