import Fluent
import Foundation
import JiujinbanRules

/// Who opens or acts on a case, and for which service point: counter staff (柜面), a registered kiosk acting for
/// the person it identified (自助机), a system calling the interface for a service point (接口), or the platform
/// itself (系统). The case records the channel and the actor; the timeline, the receipt and the audit trail show them.
struct CaseActor: Sendable {
    enum Kind: Sendable {
        case staff(SignedInStaff)
        case kiosk(KioskDevice)
        case interface(InterfaceClient)
        case platform(PlatformPurpose)
    }

    let kind: Kind
    let servicePointID: UUID
    /// The service point's division: the case's data scope.
    let division: DivisionCode
    /// The acting unit's name, for the timeline: the staff member's unit, or the kiosk's or client's point.
    let pointName: String

    /// Staff signed in at a service point; any other unit may not accept cases.
    static func staff(_ staff: SignedInStaff) throws -> CaseActor {
        guard case .servicePoint(let pointID, _, let code) = staff.account.unit else {
            throw PublicError(.forbidden, Refusal.caseOnlyAtServicePoint.message)
        }
        return CaseActor(kind: .staff(staff), servicePointID: pointID, division: code, pointName: staff.unitName)
    }

    /// Staff acting on a case already made (a county reviewer is not at a service point): the case's point and scope.
    static func staff(_ staff: SignedInStaff, on record: CaseRecord) throws -> CaseActor {
        CaseActor(kind: .staff(staff), servicePointID: record.servicePointID, division: try DivisionCode(record.divisionCode),
                  pointName: staff.unitName)
    }

    static func kiosk(_ device: KioskDevice) -> CaseActor {
        CaseActor(kind: .kiosk(device), servicePointID: device.servicePointID, division: device.division, pointName: device.pointName)
    }

    /// An interface client acting for `point`, which must lie in the client's divisions.
    static func interface(_ client: InterfaceClient, for point: ServicePoint) throws -> CaseActor {
        let code = try DivisionCode(point.divisionCode)
        guard client.divisions.contains(where: { $0.contains(code) }) else {
            throw PublicError(.forbidden, "接口客户端“\(client.name)”无权代理该服务点的业务")
        }
        return CaseActor(kind: .interface(client), servicePointID: try point.requireID(), division: code, pointName: point.name)
    }

    /// The platform, for `purpose`, on behalf of the point that holds the earlier case.
    static func platform(_ purpose: PlatformPurpose, for point: ServicePoint) throws -> CaseActor {
        CaseActor(kind: .platform(purpose), servicePointID: try point.requireID(), division: try DivisionCode(point.divisionCode),
                  pointName: point.name)
    }

    var access: CaseAccess.Actor {
        switch kind {
        case .staff: .staff
        case .kiosk(let device): .kiosk(identified: device.identifiedCitizen)
        case .interface(let client): .interface(items: client.items, divisions: client.divisions)
        case .platform(let purpose): .platform(purpose)
        }
    }

    var channel: CaseChannel { CaseAccess.channel(of: access) }

    /// `staff`, `kiosk`, `interface` or `platform`, as the case and its steps record it.
    var kindName: String {
        switch kind {
        case .staff: "staff"
        case .kiosk: "kiosk"
        case .interface: "interface"
        case .platform: "platform"
        }
    }

    /// Who a repeated submission is recognised by: the same form key from the same actor is the same case.
    var key: String {
        switch kind {
        case .staff(let staff): "staff:" + staff.account.id.uuidString.lowercased()
        case .kiosk(let device): "kiosk:" + device.id.uuidString.lowercased()
        case .interface(let client): "interface:" + client.name
        case .platform(let purpose): "platform:" + purpose.rawValue
        }
    }

    /// The staff account that handled the case, if staff did.
    var staffAccount: SignedInStaff? {
        if case .staff(let staff) = kind { return staff }
        return nil
    }

    /// Who acted, as the timeline and the receipt name them.
    var label: String {
        switch kind {
        case .staff(let staff): staff.personName
        case .kiosk(let device): "自助机 \(device.serialNumber)"
        case .interface(let client): "接口 \(client.name)"
        case .platform(let purpose): "系统（\(purpose.label)）"
        }
    }

    /// The post column of a timeline step: the staff member's post, or the channel.
    var post: String {
        if case .staff(let staff) = kind { return staff.account.post.rawValue }
        return kindName
    }

    var auditActor: AuditActor {
        switch kind {
        case .staff(let staff): staff.auditActor
        case .kiosk(let device): AuditActor(userID: nil, role: "kiosk:\(device.serialNumber)", orgUnit: "point:\(servicePointID.uuidString.lowercased())", ip: nil)
        case .interface(let client): AuditActor(userID: nil, role: "interface:\(client.name)", orgUnit: "point:\(servicePointID.uuidString.lowercased())", ip: nil)
        case .platform(let purpose): AuditActor(userID: nil, role: "system:\(purpose.rawValue)", orgUnit: "point:\(servicePointID.uuidString.lowercased())", ip: nil)
        }
    }

    /// The county whose lists (gig skills, places) the item's form offers.
    var county: DivisionCode { division.ancestor(atDepth: 2) ?? division }
}

/// A registered kiosk (自助机) at a service point, acting for the person it identified. The kiosk issue gives it its
/// own credentials; here it is read from the device registry (`KioskRecord`), and a retired device may not act.
struct KioskDevice: Sendable {
    let id: UUID
    let serialNumber: String
    let servicePointID: UUID
    let division: DivisionCode
    let pointName: String
    let identifiedCitizen: UUID

    static func registered(_ id: UUID, identified citizen: UUID, on db: any Database) async throws -> KioskDevice {
        guard let record = try await KioskRecord.find(id, on: db), let point = try await ServicePoint.find(record.servicePointID, on: db) else {
            throw PublicError.notFound("该自助机")
        }
        guard record.statusValue == .active else { throw PublicError(.forbidden, "自助机 \(record.serialNumber) 已撤除，不能办理业务") }
        return KioskDevice(id: id, serialNumber: record.serialNumber, servicePointID: record.servicePointID,
                           division: try DivisionCode(point.divisionCode), pointName: point.name, identifiedCitizen: citizen)
    }
}

/// A system calling the interface (接口): the items and the divisions its scope names. Its credentials come with the
/// interface's issue.
struct InterfaceClient: Sendable {
    let name: String
    let items: Set<Int>
    let divisions: [DivisionCode]
}
