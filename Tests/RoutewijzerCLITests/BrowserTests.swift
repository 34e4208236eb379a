import Foundation
import Testing

/// The chat page in a real headless Chromium (Tests/Browser/page_test.py, Selenium and axe-core from PyPI in a
/// virtual environment outside the package). Skipped, with the reason, when any part is missing; `.ci/run`
/// installs them all, so CI always runs it.
@Suite("the chat page in a real browser", .serialized, .enabled(if: BrowserSetup.skipReason == nil, Comment(rawValue: BrowserSetup.skipReason ?? "")))
struct BrowserTests {
    @Test("type a question, click options to a route card, the summary, a crisis card, 'Vergeet mij', keyboard only, 320 px, axe-core")
    func page() throws {
        let (process, port, _) = try ServeTests.start([])
        defer { process.terminate(); process.waitUntilExit() }
        let screenshots = CommandRunner.packageRoot.appending(path: ".build/browser-screenshots")
        let driver = Process()
        driver.executableURL = URL(filePath: BrowserSetup.python)
        driver.arguments = [CommandRunner.packageRoot.appending(path: "Tests/Browser/page_test.py").path, "http://127.0.0.1:\(port)", screenshots.path]
        let output = Pipe()
        driver.standardOutput = output
        driver.standardError = output
        try driver.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 0, "\(text)")
        #expect(text.contains("all checks passed"))
        for name in ["page-320.png", "page-1280.png"] {
            #expect(FileManager.default.fileExists(atPath: screenshots.appending(path: name).path), "screenshot \(name)")
        }
    }
}

/// What the browser test needs, and why it skips when something is missing.
enum BrowserSetup {
    /// `ROUTEWIJZER_BROWSER_PYTHON`, else the virtual environment `.ci/run` makes.
    static let python = ProcessInfo.processInfo.environment["ROUTEWIJZER_BROWSER_PYTHON"]
        ?? FileManager.default.homeDirectoryForCurrentUser.appending(path: ".cache/routewijzer-browser/bin/python").path

    static let skipReason: String? = {
        for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: program) {
            return "\(program) is not installed (apt-get install chromium chromium-driver)"
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return "no Python with Selenium at \(python) (see .ci/run, or set ROUTEWIJZER_BROWSER_PYTHON)"
        }
        return nil
    }()
}
