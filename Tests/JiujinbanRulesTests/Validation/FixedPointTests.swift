import JiujinbanRules
import Testing

@Suite("Exact decimal input and proportional splits")
struct FixedPointTests {
    @Test("parsing", arguments: [("1175.55", 2, 117_555), ("1,175.5", 2, 117_550), ("０.３", 4, 3000), ("7", 0, 7), ("-0", 2, 0)] as [(String, Int, Int)])
    func parse(text: String, digits: Int, value: Int) throws {
        #expect(try FixedPoint.parse(text, fractionDigits: digits).get() == value)
    }

    @Test("refusals", arguments: [("-1", FixedPoint.Problem.negative), ("1.234", .tooManyDecimals(2)), ("1.", .unreadable),
                                  (".5", .unreadable), ("1e3", .unreadable), ("", .unreadable)] as [(String, FixedPoint.Problem)])
    func refusals(text: String, problem: FixedPoint.Problem) {
        #expect(throws: problem) { try FixedPoint.parse(text, fractionDigits: 2).get() }
    }

    @Test("formatting keeps the fraction digits")
    func format() {
        #expect(FixedPoint.format(117_555, fractionDigits: 2) == "1175.55")
        #expect(FixedPoint.format(5, fractionDigits: 2) == "0.05")
        #expect(FixedPoint.format(342_889, fractionDigits: 4) == "34.2889")
    }

    @Test("a split always adds up to the total", arguments: [(342_889, [3, 1, 1]), (117_555, [97, 101, 13, 7]), (10, [1, 1, 1])] as [(Int, [Int])])
    func split(total: Int, weights: [Int]) {
        let parts = ProportionalSplit.split(total, weights: weights)
        #expect(parts.reduce(0, +) == total)
        #expect(parts.count == weights.count)
    }

    @Test("the seeded generator repeats itself for the same seed")
    func seeded() {
        var a = SeededGenerator(seedText: "140830"), b = SeededGenerator(seedText: "140830"), c = SeededGenerator(seedText: "140831")
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }
}
