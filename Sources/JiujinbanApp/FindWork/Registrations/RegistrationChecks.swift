import Fluent
import Foundation
import JiujinbanRules
import Vapor

enum RegistrationChecks {
    static var unreadableBirthDate: FieldErrors {
        var errors = FieldErrors()
        errors.add("citizen", "该群众的出生日期无法读取，请核对身份证号码")
        return errors
    }
}
