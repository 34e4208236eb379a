#if canImport(Glibc)
import Glibc
#endif

/// What the terminal the chat runs in can show: its width, a prompt and colour. All of it only when a
/// person sits at a terminal; a pipe gets plain, unwrapped text, so programs and tests read it as is.
struct Terminal {
    /// Columns to wrap at, or nil for no wrapping.
    var width: Int?
    /// Whether to print a prompt before reading a line.
    var prompts: Bool
    /// Whether to set a card's desk in bold (ANSI), never with NO_COLOR (no-color.org) or TERM=dumb.
    var colours: Bool

    /// Lines are never wider than this, however wide the window: long lines are hard to read.
    static let maximumWidth = 100
    static let prompt = "> "

    /// The terminal of this process, with `--width` winning over the window's own width.
    static func current(width requested: Int?) -> Terminal {
        let output = isatty(STDOUT_FILENO) == 1, input = isatty(STDIN_FILENO) == 1
        let width = requested ?? (output ? min(windowWidth() ?? columnsVariable() ?? 80, maximumWidth) : nil)
        let noColour = environment("NO_COLOR").map { !$0.isEmpty } ?? false
        return Terminal(width: width, prompts: output && input, colours: output && !noColour && environment("TERM") != "dumb")
    }

    /// The window's width from the terminal driver, which follows a resized window.
    private static func windowWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return nil }
        return Int(size.ws_col)
    }

    private static func columnsVariable() -> Int? {
        environment("COLUMNS").flatMap(Int.init).flatMap { $0 >= 20 ? $0 : nil }
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// `text` (already wrapped) with each card's desk line in bold.
    func styled(_ text: String) -> String {
        guard colours else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("▸ ") ? "\u{1B}[1m\(line)\u{1B}[0m" : String(line)
        }.joined(separator: "\n")
    }
}
