import Testing
import EZBuiltCore

/// The one safe-name helper: a name from outside is one harmless path or ref component.
@Suite struct SafeNameTests {
    @Test(arguments: [
        ("acme/infra/web", "_", "acme_infra_web"),
        ("acme/infra/web", "-", "acme-infra-web"),
        ("42-apply_1.v2", "_", "42-apply_1.v2"),
        ("../../etc/passwd", "_", "_._.__etc_passwd"),
        ("..", "_", "_."),
        (".hidden", "-", "_hidden"),
        ("a..b", "_", "a._b"),
        ("-rf", "_", "_rf"),
        ("C:\\dir\\x", "_", "C__dir_x"),
        ("déjà vu 日本", "_", "d_j__vu___"),
        ("e\u{301}", "_", "_"),
        ("nul\u{0}nl\nend", "-", "nul-nl-end"),
        ("", "_", "_"),
        ("", "-", "_"),
    ])
    func everyNameIsOneHarmlessComponent(input: String, replacement: String, expected: String) {
        let name = SafeName.component(input, replacement: Character(replacement))
        #expect(name == expected)
        #expect(!name.isEmpty && !name.hasPrefix(".") && !name.hasPrefix("-") && !name.contains(".."))
        #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
    }

    @Test func overLongNamesAreCutAndUniqueNamesStayApart() {
        let long = String(repeating: "a", count: 300)
        #expect(SafeName.component(long) == String(repeating: "a", count: 120))
        #expect(SafeName.component(long, maxLength: 10) == "aaaaaaaaaa")
        // The state directory of an existing stack must not move: the same form as before.
        #expect(SafeName.unique("acme/infra/web").hasPrefix("acme_infra_web-"))
        #expect(SafeName.unique("acme/infra/web") == SafeName.unique("acme/infra/web"))
        #expect(SafeName.unique("a/b") != SafeName.unique("a_b"))
        #expect(SafeName.unique(long) != SafeName.unique(long + "b"))
        #expect(SafeName.unique(long).count <= 80 + 1 + 8)
        #expect(SafeName.unique("").hasPrefix("_-"))
    }
}
