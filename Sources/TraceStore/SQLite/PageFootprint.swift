/// The bytes a row takes in the file, from its payload size and the page size, as SQLite's file format lays it
/// out: a payload too large for a page keeps a part in the page and spills the rest into overflow pages, each
/// a whole page however little of it is used. A 2 kB span in a 4 kB-page index B-tree (spans are WITHOUT ROWID)
/// takes about 1 kB in its page plus a 4 kB overflow page: counting its 2 kB would be off by half.
struct PageFootprint {
    let pageSize: Int
    /// Bytes per cell besides its payload: the cell pointer and the length varints.
    static let cellOverhead = 6

    /// A row of a WITHOUT ROWID table or an index entry.
    func indexRow(payload: Int) -> Int {
        footprint(payload, maxLocal: (pageSize - 12) * 64 / 255 - 23)
    }

    /// A row of an ordinary (rowid) table.
    func tableRow(payload: Int) -> Int {
        footprint(payload, maxLocal: pageSize - 35)
    }

    /// The layout rules of sqlite.org/fileformat2.html, "Cell Payload Overflow Pages".
    private func footprint(_ payload: Int, maxLocal: Int) -> Int {
        guard payload > maxLocal else { return payload + Self.cellOverhead }
        let overflowCapacity = pageSize - 4
        let minLocal = (pageSize - 12) * 32 / 255 - 23
        let spill = minLocal + (payload - minLocal) % overflowCapacity
        let local = spill <= maxLocal ? spill : minLocal
        let overflowPages = (payload - local + overflowCapacity - 1) / overflowCapacity
        return local + 4 + Self.cellOverhead + overflowPages * pageSize
    }
}
