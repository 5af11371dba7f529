/// Turns a byte-mode payload into the symbol's final codeword sequence (ISO/IEC 18004 §7.4 to §7.6).
enum QRCodewordSequence {
    static let byteModeIndicator = 0b0100
    /// Pad codewords 11101100 and 00010001, alternated to fill the data capacity (§7.4.10).
    static let padCodewords: [UInt8] = [0xEC, 0x11]

    /// The byte-mode character count indicator grows from 8 to 16 bits at version 10 (Table 3).
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The largest byte-mode payload a version holds at a level.
    static func byteCapacity(_ structure: QRBlockStructure) -> Int {
        (structure.dataCodewords * 8 - 4 - characterCountBits(version: structure.version)) / 8
    }

    /// The smallest version whose data capacity holds the payload, so the symbol is no larger than needed.
    static func smallestStructure(
        byteCount: Int, errorCorrection: QRErrorCorrection
    ) throws(QRCodeError) -> QRBlockStructure {
        for version in QRBlockStructure.versions {
            let structure = QRBlockStructure(version: version, errorCorrection: errorCorrection)
            if byteCapacity(structure) >= byteCount { return structure }
        }
        let largest = QRBlockStructure(version: QRBlockStructure.versions.upperBound, errorCorrection: errorCorrection)
        throw .payloadTooLong(byteCount: byteCount, capacity: byteCapacity(largest))
    }

    /// Mode indicator, character count, payload, terminator and padding, filling exactly the data capacity.
    static func dataCodewords(bytes: [UInt8], structure: QRBlockStructure) -> [UInt8] {
        precondition(bytes.count <= byteCapacity(structure), "payload exceeds the version's capacity")
        var stream = QRBitStream()
        stream.append(byteModeIndicator, bitCount: 4)
        stream.append(bytes.count, bitCount: characterCountBits(version: structure.version))
        for byte in bytes { stream.append(Int(byte), bitCount: 8) }
        let capacityBits = structure.dataCodewords * 8
        stream.append(0, bitCount: min(4, capacityBits - stream.bitCount))
        stream.append(0, bitCount: (8 - stream.bitCount % 8) % 8)
        var codewords = stream.bytes
        var padIndex = 0
        while codewords.count < structure.dataCodewords {
            codewords.append(padCodewords[padIndex % 2])
            padIndex += 1
        }
        return codewords
    }

    /// Splits the data into blocks, appends each block's error correction, and interleaves codeword by codeword
    /// so that a burst of damage is spread over many blocks (§7.6).
    static func finalSequence(dataCodewords: [UInt8], structure: QRBlockStructure) -> [UInt8] {
        precondition(dataCodewords.count == structure.dataCodewords, "data must fill the capacity exactly")
        let encoder = ReedSolomonEncoder(errorCorrectionCodewords: structure.errorCorrectionCodewordsPerBlock)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var start = dataCodewords.startIndex
        for length in structure.dataCodewordsPerBlock {
            dataBlocks.append(dataCodewords[start..<(start + length)])
            start += length
        }
        let errorCorrectionBlocks = dataBlocks.map { encoder.errorCorrectionCodewords(for: Array($0)) }

        var sequence: [UInt8] = []
        sequence.reserveCapacity(structure.totalCodewords)
        let longestBlock = structure.dataCodewordsPerBlock.last ?? 0
        for position in 0..<longestBlock {
            for block in dataBlocks where position < block.count {
                sequence.append(block[block.startIndex + position])
            }
        }
        for position in 0..<structure.errorCorrectionCodewordsPerBlock {
            for block in errorCorrectionBlocks {
                sequence.append(block[position])
            }
        }
        return sequence
    }
}

/// A big-endian bit accumulator, since QR Code fields are not byte aligned.
struct QRBitStream {
    private(set) var bytes: [UInt8] = []
    private(set) var bitCount = 0

    mutating func append(_ value: Int, bitCount count: Int) {
        precondition(count >= 0 && value >= 0 && value >> count == 0, "value does not fit in \(count) bits")
        for shift in stride(from: count - 1, through: 0, by: -1) {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 {
                bytes[bytes.count - 1] |= UInt8(0x80 >> (bitCount % 8))
            }
            bitCount += 1
        }
    }
}
