import Testing
import HCL

/// The one HCL string escaper, used by the generator's printer and the runtime writers alike.
@Suite struct HCLTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("say \"hi\"", "say \\\"hi\\\""),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreak", "line\\nbreak"),
        ("crlf\r\nline", "crlf\\r\\nline"),
        ("tab\there", "tab\\there"),
        ("bell\u{7} nul\u{0} del\u{7F}", "bell\\u0007 nul\\u0000 del\\u007F"),
        ("ls\u{2028}ps\u{2029}", "ls\\u2028ps\\u2029"),
        ("${file(\"/etc/passwd\")}", "$${file(\\\"/etc/passwd\\\")}"),
        ("%{ if true }x%{ endif }", "%%{ if true }x%%{ endif }"),
        ("$${already} and %%{doubled}", "$$${already} and %%%{doubled}"),
        ("$$ and % alone, { and }", "$$ and % alone, { and }"),
        ("é, 日本, e\u{301}", "é, 日本, e\u{301}"),
        ("", ""),
    ])
    func everyStringStaysALiteralNeverATemplate(input: String, expected: String) {
        #expect(HCLText.escaped(input) == expected)
        #expect(HCLText.quoted(input) == "\"" + expected + "\"")
    }
}
