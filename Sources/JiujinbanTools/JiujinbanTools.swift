import JiujinbanApp
import Vapor

/// The commands that serve benchmarks and load tests rather than a province's operations: synthetic data and
/// in-process timings. They live apart from the product library `JiujinbanApp`, which cannot reach them; the
/// `jiujinban` executable adds them to its command line (`scripts/bench-*` call them there).
public enum JiujinbanTools {
    public static func registerCommands(_ app: Application) {
        app.asyncCommands.use(GenerateDataCommand(), as: "generate-data")
        app.asyncCommands.use(BenchMatchingCommand(), as: "bench-matching")
        app.asyncCommands.use(BenchLookupCommand(), as: "bench-lookup")
        app.asyncCommands.use(BenchTrainingCommand(), as: "bench-training")
        app.asyncCommands.use(GenerateInsuranceFileCommand(), as: "generate-insurance-file")
        app.asyncCommands.use(BenchInsuranceQueryCommand(), as: "bench-insurance-query")
        app.asyncCommands.use(InsurancePageSampleCommand(), as: "insurance-page-sample")
    }
}
