/// Dense numbers for feature hashes, in the order they are first seen.
///
/// The keys are already well-mixed 64-bit hashes, so a table with open addressing over them needs
/// no hashing of its own; `Dictionary` would hash each key again with SipHash, which made mapping
/// the examples' features cost as much as training on them.
struct FeatureIDs: Sendable {
    /// Slots of `keys` and `ids`; a slot with id -1 is empty. The count is a power of two.
    private var keys: [UInt64]
    private var ids: [Int32]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var slots = 16
        while slots < capacity * 2 { slots *= 2 }
        keys = [UInt64](repeating: 0, count: slots)
        ids = [Int32](repeating: -1, count: slots)
    }

    /// The id of `key`, or nil when it was never inserted.
    func id(of key: UInt64) -> Int32? {
        let id = ids[slot(of: key)]
        return id < 0 ? nil : id
    }

    /// The id of `key`, given the next free id when it is new.
    mutating func insert(_ key: UInt64) -> Int32 {
        var slot = slot(of: key)
        if ids[slot] >= 0 { return ids[slot] }
        if (count + 1) * 2 > ids.count {
            grow()
            slot = self.slot(of: key)
        }
        keys[slot] = key
        ids[slot] = Int32(count)
        count += 1
        return ids[slot]
    }

    /// The keys in the order of their ids.
    var keysByID: [UInt64] {
        var keys = [UInt64](repeating: 0, count: count)
        for (key, id) in zip(self.keys, ids) where id >= 0 { keys[Int(id)] = key }
        return keys
    }

    /// The slot that holds `key`, or the empty slot where it would go (linear probing).
    private func slot(of key: UInt64) -> Int {
        let mask = ids.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while ids[slot] >= 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// Doubles the slots and puts every key back, keeping its id.
    private mutating func grow() {
        let old = zip(keys, ids).filter { $0.1 >= 0 }
        keys = [UInt64](repeating: 0, count: ids.count * 2)
        ids = [Int32](repeating: -1, count: keys.count)
        for (key, id) in old {
            let slot = slot(of: key)
            keys[slot] = key
            ids[slot] = id
        }
    }
}
