import Foundation
import Logging
import Vapor

/// The command-line entry: parse configuration, build the app, run the requested command (default `serve`).
public enum JiujinbanMain {
    /// - Parameter extraCommands: adds commands beyond the product's own (the executable's benchmark and data tools,
    ///   which live outside this library), after the application is configured.
    public static func run(extraCommands: (Application) -> Void = { _ in }) async -> Int32 {
        var environment: Environment
        do {
            environment = try Environment.detect()
            // Logs go to standard error: standard output belongs to commands such as the CSV export. Every line
            // passes through `LineSafeLogHandler` (S20).
            try LoggingSystem.bootstrap(from: &environment) { level in
                { label in LineSafeLogHandler(wrapping: StreamLogHandler.standardError(label: label), level: level) }
            }
        } catch {
            FileHandle.standardError.write(Data("启动参数错误：\(error)\n".utf8))
            return 2
        }
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.parse(
                ProcessInfo.processInfo.environment, isProduction: environment == .production)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        let command = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }
        if command == "restore" {
            // Before the application exists: it would open (and create) the database the restore is about to fill.
            let arguments = Array(CommandLine.arguments.dropFirst().drop { $0 != "restore" }.dropFirst())
            return await RestoreCommandLine.run(arguments: arguments, configuration: configuration,
                                                logger: Logger(label: "jiujinban.restore"))
        }
        // A serving process holds the data folder's lock (shared: several servers may share a folder), which a restore
        // needs alone.
        var folderLock: DataFolderLock?
        if command == nil || command == "serve" {
            do {
                folderLock = try DataFolderLock.take(.shared, dataDirectory: configuration.dataDirectory)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 1
            }
            guard folderLock != nil else {
                FileHandle.standardError.write(Data("错误：数据目录 \(configuration.dataDirectory) 正在恢复数据，恢复完成后再启动服务\n".utf8))
                return 1
            }
        }
        defer { withExtendedLifetime(folderLock) {} }
        let app: Application
        do {
            app = try await Application.make(environment)
        } catch {
            FileHandle.standardError.write(Data("无法创建应用：\(error)\n".utf8))
            return 1
        }
        var status: Int32 = 0
        do {
            try await configure(app, configuration: configuration)
            extraCommands(app)
            if command == nil || command == "serve" {
                IdleLockJob.schedule(on: app)
                AuditAnchor.schedule(on: app)
                ProblemDueJob.schedule(on: app)
                HeldUploadsJob.schedule(on: app)
                // In production only a real gateway delivers: without one, messages wait in the outbox rather than being
                // marked sent by the development adapter.
                if !(app.smsAdapter is DevelopmentSMSAdapter) || !app.jiujinban.configuration.isProduction {
                    SMSOutbox.schedule(on: app, adapter: app.smsAdapter)
                }
            }
            try await app.execute()
            // The last rows a command or the server wrote get their checkpoint before the process ends.
            try await app.auditAnchor.checkpoint(app)
        } catch let error as PublicError {
            FileHandle.standardError.write(Data("错误：\(error.reason)\n".utf8))
            status = 1
        } catch {
            app.logger.report(error: error)
            status = 1
        }
        try? await app.asyncShutdown()
        return status
    }
}
