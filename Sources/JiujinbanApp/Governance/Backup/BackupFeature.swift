import Vapor

/// Backup: a command only (`jiujinban backup`), registered once (`Feature`). Restoring runs before the application
/// exists (`RestoreCommandLine`), so it is no command of a feature.
enum BackupFeature: Feature {
    static func routes(_ app: Application) {}

    static var commands: [FeatureCommand] {
        [FeatureCommand(name: "backup", BackupCommand())]
    }
}
