import Testing
@testable import Requirements

@Suite struct HCLPrinterTests {
    @Test func alignsEqualsAcrossConsecutiveSingleLineAttributes() {
        var block = HCLBlock("resource", ["aws_s3_bucket", "main"])
        block.set("bucket", .string("b"))
        block.set("force_destroy", .bool(false))
        block.set("tags", .object([("Name", .string("n")), ("data-class", .string("x"))]))
        block.set("id", .int(1))
        let text = HCLPrinter.print(HCLFile(blocks: [block]))
        #expect(text == """
        resource "aws_s3_bucket" "main" {
          bucket        = "b"
          force_destroy = false
          tags = {
            Name         = "n"
            "data-class" = "x"
          }
          id = 1
        }

        """)
    }

    @Test func printsNestedBlocksAndCallsWithObjects() {
        var block = HCLBlock("resource", ["aws_x", "y"])
        block.set("policy", .call("jsonencode", [.object([("a", .list([.object([("b", .int(1))])]))])]))
        block.add(HCLBlock("rule", [], [.attribute("days", .int(7))]))
        let text = HCLPrinter.print(HCLFile(blocks: [block]))
        #expect(text.contains("policy = jsonencode({\n    a = [\n      {\n        b = 1\n      },\n    ]\n  })\n"))
        #expect(text.contains("\n  rule {\n    days = 7\n  }\n"))
    }

    @Test func labelsAreEscapedToo() {
        let text = HCLPrinter.print(HCLFile(blocks: [HCLBlock("resource", ["t", "a\" { x"])]))
        #expect(text == "resource \"t\" \"a\\\" { x\" {\n}\n")
    }
}
