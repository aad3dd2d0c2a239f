import Testing
import EZBuiltCore

/// The one Markdown escaper: text from outside never becomes markup in PLAN.md or a status file.
@Suite struct MarkdownTests {
    @Test(arguments: [
        ("plain text, 3.5 GB", "plain text, 3.5 GB"),
        ("a | b", "a \\| b"),
        ("`rm -rf` ``x``", "\\`rm -rf\\` \\`\\`x\\`\\`"),
        ("line\nbreak\r\nend\tof\u{2028}text\u{2029}.", "line break end of text ."),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=y> & more", "&lt;img src=x onerror=y&gt; &amp; more"),
        ("![x](http://evil) [link](http://evil)", "\\!\\[x\\](http://evil) \\[link\\](http://evil)"),
        ("*bold* _em_ snake_case server_side", "\\*bold\\* \\_em\\_ snake_case server_side"),
        ("# heading", "\\# heading"),
        ("~~gone~~ back\\slash", "\\~\\~gone\\~\\~ back\\\\slash"),
        ("", ""),
    ])
    func inlineTextIsOneLineWithNoMarkup(input: String, expected: String) {
        #expect(Markdown.inline(input) == expected)
        #expect(Markdown.cell(input) == expected)
    }

    @Test func overLongTextIsCutAndSaysSo() {
        let long = String(repeating: "a", count: Markdown.maximumLength + 5)
        #expect(Markdown.inline(long) == String(repeating: "a", count: Markdown.maximumLength) + "…")
        #expect(Markdown.inline(String(repeating: "a", count: Markdown.maximumLength)).count == Markdown.maximumLength)
    }

    @Test(arguments: [
        ("aws_s3_bucket.data[0]", false, "`aws_s3_bucket.data[0]`"),
        ("a`b", false, "``a`b``"),
        ("`edge`", false, "`` `edge` ``"),
        ("two\nlines\r\nhere", false, "`two lines here`"),
        ("a|b", false, "`a|b`"),
        ("a|b", true, "`a\\|b`"),
        ("<b>*x*</b>", false, "`<b>*x*</b>`"),
    ])
    func codeSpansShowTextAsItIs(input: String, inTable: Bool, expected: String) {
        #expect(Markdown.code(input, inTable: inTable) == expected)
    }
}
