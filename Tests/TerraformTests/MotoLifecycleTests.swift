import Foundation
import PlanModel
import Testing
@testable import Terraform

/// The whole life of a stack against moto: apply, no false drift, real drift reported with
/// the attribute, destroy leaves nothing — with a secret that never leaks.
struct MotoLifecycleTests {
    static let secret = "Sup3r-Secret-Passw0rd-\(UUID().uuidString.prefix(6))"

    static func configuration(zipPath: String) -> String {
        awsRequirement + """
        provider "aws" {
          region = "us-east-1"
          default_tags {
            tags = { Stack = "big" }
          }
        }
        resource "aws_s3_bucket" "data" { bucket = "ezbuilt-big-data" }
        resource "aws_s3_bucket_versioning" "data" {
          bucket = aws_s3_bucket.data.id
          versioning_configuration { status = "Enabled" }
        }
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
          tags       = { Name = "main" }
        }
        resource "aws_subnet" "a" {
          vpc_id            = aws_vpc.main.id
          cidr_block        = "10.0.1.0/24"
          availability_zone = "us-east-1a"
        }
        resource "aws_subnet" "b" {
          vpc_id            = aws_vpc.main.id
          cidr_block        = "10.0.2.0/24"
          availability_zone = "us-east-1b"
        }
        resource "aws_security_group" "web" {
          name   = "web"
          vpc_id = aws_vpc.main.id
          ingress {
            from_port   = 443
            to_port     = 443
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/0"]
          }
          egress {
            from_port   = 0
            to_port     = 0
            protocol    = "-1"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        resource "aws_instance" "app" {
          ami                    = "ami-12c6146b"
          instance_type          = "t3.micro"
          subnet_id              = aws_subnet.a.id
          vpc_security_group_ids = [aws_security_group.web.id]
          tags                   = { Name = "app" }
        }
        resource "aws_dynamodb_table" "t" {
          name         = "ezbuilt-big-table"
          billing_mode = "PAY_PER_REQUEST"
          hash_key     = "id"
          attribute {
            name = "id"
            type = "S"
          }
        }
        resource "aws_sqs_queue" "q" { name = "ezbuilt-big-queue" }
        resource "aws_sns_topic" "t" { name = "ezbuilt-big-topic" }
        resource "aws_iam_role" "fn" {
          name = "ezbuilt-big-fn"
          assume_role_policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
          })
        }
        resource "aws_lambda_function" "fn" {
          function_name    = "ezbuilt-big-fn"
          role             = aws_iam_role.fn.arn
          handler          = "index.handler"
          runtime          = "python3.12"
          filename         = "\(zipPath)"
          source_code_hash = filebase64sha256("\(zipPath)")
        }
        resource "aws_kms_key" "k" { description = "big key" }
        resource "aws_cloudwatch_log_group" "lg" {
          name              = "/ezbuilt/big"
          retention_in_days = 14
        }
        resource "aws_db_subnet_group" "db" {
          name       = "ezbuilt-big-db"
          subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
        }
        resource "aws_db_instance" "db" {
          identifier           = "ezbuilt-big-db"
          engine               = "postgres"
          instance_class       = "db.t3.micro"
          allocated_storage    = 20
          username             = "app"
          password             = var.db_password
          db_subnet_group_name = aws_db_subnet_group.db.name
          skip_final_snapshot  = true
        }
        output "db_password" {
          value     = var.db_password
          sensitive = true
        }
        output "bucket" { value = aws_s3_bucket.data.bucket }

        """
    }

    static let outOfBandChanges = """
        import os, sys, boto3
        kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
        instance, group = sys.argv[1], sys.argv[2]
        s3 = boto3.client("s3", **kw)
        s3.put_bucket_tagging(Bucket="ezbuilt-big-data", Tagging={"TagSet": [
            {"Key": "Stack", "Value": "big"}, {"Key": "Owner", "Value": "ops"}, {"Key": "Env", "Value": "hacked"}]})
        s3.put_bucket_versioning(Bucket="ezbuilt-big-data", VersioningConfiguration={"Status": "Suspended"})
        ec2 = boto3.client("ec2", **kw)
        ec2.stop_instances(InstanceIds=[instance])
        ec2.modify_instance_attribute(InstanceId=instance, InstanceType={"Value": "t3.small"})
        ec2.start_instances(InstanceIds=[instance])
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.9.0.0/16"}]}])
        """

    /// Prints a JSON list of every resource of the configuration still present in moto.
    static let listEverything = """
        import os, json, boto3
        kw = dict(endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
        c = lambda name: boto3.client(name, **kw)
        left = []
        left += ["s3:" + b["Name"] for b in c("s3").list_buckets().get("Buckets", [])]
        for r in c("ec2").describe_instances().get("Reservations", []):
            left += ["ec2:" + i["InstanceId"] for i in r["Instances"] if i["State"]["Name"] != "terminated"]
        left += ["vpc:" + v["VpcId"] for v in c("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
        left += ["sg:" + g["GroupName"] for g in c("ec2").describe_security_groups()["SecurityGroups"] if g["GroupName"] == "web"]
        left += ["rds:" + d["DBInstanceIdentifier"] for d in c("rds").describe_db_instances()["DBInstances"]]
        left += ["rds-subnets:" + d["DBSubnetGroupName"] for d in c("rds").describe_db_subnet_groups()["DBSubnetGroups"]]
        left += ["dynamodb:" + t for t in c("dynamodb").list_tables()["TableNames"]]
        left += ["sqs:" + q for q in c("sqs").list_queues().get("QueueUrls", [])]
        left += ["sns:" + t["TopicArn"] for t in c("sns").list_topics()["Topics"]]
        left += ["lambda:" + f["FunctionName"] for f in c("lambda").list_functions()["Functions"]]
        left += ["iam:" + r["RoleName"] for r in c("iam").list_roles()["Roles"] if r["RoleName"].startswith("ezbuilt")]
        left += ["kms:" + k["KeyId"] for k in c("kms").list_keys()["Keys"]
                 if c("kms").describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"]
        left += ["logs:" + g["logGroupName"] for g in c("logs").describe_log_groups()["logGroups"]]
        print(json.dumps(left))
        """

    static func makeZip(at path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr('index.py', 'def handler(e, c):\\n    return {"ok": True}\\n')
            """, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test(.timeLimit(.minutes(20)))
    func applyNoFalseDriftRealDriftReportedThenDestroyLeavesNothing() async throws {
        let temp = try TemporaryDirectory("life")
        defer { temp.cleanup() }
        let zip = temp.path("fn.zip")
        try Self.makeZip(at: zip)
        try await withMoto { moto in
            let options = try await testOptions(root: temp.url)
            let sink = MemoryLogSink()
            let redactor = Redactor()
            let stack = "repo/infra/big"
            // Confined, terraform reads only its workspace: the zip is copied in, named relative to it.
            let code = Self.configuration(zipPath: "${path.module}/fn.zip")
            let secretVariable = "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"\(Self.secret)\"\n}\n"
            let manager = WorkspaceManager(root: temp.url.appendingPathComponent("workspaces"))
            let runtime = RuntimeSettings(
                region: "us-east-1", defaultTags: ["Owner": "ops"], sandboxEndpoint: moto.endpoint,
                backend: RuntimeSettings.localBackend(dataDirectory: temp.url, stack: stack))
            func runner() throws -> (TerraformRunner, Workspace) {
                // The secret reaches Terraform as a variable default in a file of its own, as a
                // generated stack would carry it (native HCL: JSON syntax is refused).
                let workspace = try manager.create(stack: stack, from: .files([
                    (path: "main.tf", contents: Data(code.utf8)),
                    (path: "secret.tf", contents: Data(secretVariable.utf8)),
                ]))
                try FileManager.default.copyItem(atPath: zip, toPath: workspace.path("fn.zip"))
                let runner = TerraformRunner(options: options, runtime: runtime, workspace: workspace, sink: sink,
                                             redactor: redactor, logger: testLogger)
                try runner.prepare()
                return (runner, workspace)
            }

            // Apply.
            let (first, firstWorkspace) = try runner()
            try await first.initialize()
            let plan = try await first.plan()
            #expect(plan.document.counts.create == 16)
            let bucketTags = plan.document.resource("aws_s3_bucket.data")?.values["tags_all"]
            #expect(bucketTags == .object(["Stack": .string("big"), "Owner": .string("ops")]))
            #expect(plan.document.output("db_password")?.value == .sensitive)
            #expect(plan.document.resource("aws_db_instance.db")?.values["password"] == .sensitive)
            let applied = try await first.apply(plan, deployment: "deploy-1")
            #expect(applied.outputs["bucket"]?.value == .string("ezbuilt-big-data"))
            #expect(applied.outputs["db_password"]?.value == .sensitive)
            manager.finish(firstWorkspace, succeeded: true)

            // Right after apply: no drift, although Terraform lists differences.
            let (second, secondWorkspace) = try runner()
            try await second.initialize()
            let clean = try await second.drift()
            #expect(!clean.hasDrift, "\(clean.lines)")
            #expect(clean.ignoredDifferences > 0)

            // Out-of-band changes, as someone with console access would make them.
            let state = try Data(contentsOf: URL(fileURLWithPath: try #require(second.stateGuard).statePath))
            let stateJSON = try JSONValue.decode(state, what: "state")
            func id(_ type: String) throws -> String {
                let resource = stateJSON["resources"]?.arrayValue?.first { $0["type"]?.stringValue == type }
                return try #require(resource?["instances"]?.arrayValue?.first?["attributes"]?["id"]?.stringValue)
            }
            try moto.python(Self.outOfBandChanges, arguments: [try id("aws_instance"), try id("aws_security_group")])

            let drift = try await second.drift()
            let byAddress = Dictionary(uniqueKeysWithValues: drift.resources.map { ($0.address, $0) })
            let bucket = try #require(byAddress["aws_s3_bucket.data"])
            // A tag the configuration does not set shows in `tags_all` (the provider may also put it in `tags`).
            #expect(bucket.attributes.contains {
                ["tags.Env", "tags_all.Env"].contains($0.path) && $0.old == .null && $0.new == .string("hacked")
            }, "\(drift.lines)")
            let versioning = try #require(byAddress["aws_s3_bucket_versioning.data"])
            #expect(versioning.attributes.contains {
                $0.path == "versioning_configuration[0].status" && $0.old == .string("Enabled") && $0.new == .string("Suspended")
            })
            let app = try #require(byAddress["aws_instance.app"])
            #expect(app.attributes.contains { $0.path == "instance_type" && $0.old == .string("t3.micro") && $0.new == .string("t3.small") })
            let group = try #require(byAddress["aws_security_group.web"])
            let rule = try #require(group.attributes.first { $0.path == "ingress" })
            #expect(rule.new.arrayValue?.first?["from_port"] == .number(22))
            #expect(rule.new.arrayValue?.first?["cidr_blocks"] == .array([.string("10.9.0.0/16")]))
            #expect(Set(byAddress.keys) == ["aws_s3_bucket.data", "aws_s3_bucket_versioning.data", "aws_instance.app", "aws_security_group.web"],
                    "\(drift.lines)")

            // Destroy leaves nothing, in the state or in the cloud.
            let destroyed = try await second.destroy(deployment: "destroy-1")
            #expect(destroyed.snapshot != nil)
            #expect(try await second.stateResources().isEmpty)
            manager.finish(secondWorkspace, succeeded: true)
            let remaining = try moto.python(Self.listEverything)
            #expect(remaining.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "left in moto: \(remaining)")

            // The secret never appeared in a log line, and snapshots were kept.
            #expect(!sink.lines.isEmpty)
            #expect(!sink.lines.contains { $0.text.contains(Self.secret) })
            let snapshots = try #require(second.stateGuard).snapshots()
            // The first apply had no state to snapshot; the destroy's snapshot holds the applied state.
            #expect(snapshots.count == 1)
            let snapshotState = try JSONValue.decode(try Data(contentsOf: URL(fileURLWithPath: try #require(snapshots.first))), what: "snapshot")
            #expect((snapshotState["resources"]?.arrayValue?.count ?? 0) >= 16)
            let encoded = String(describing: plan.document)
                + String(decoding: try JSONEncoder().encode(drift), as: UTF8.self)
            #expect(!encoded.contains(Self.secret))
        }
    }
}
