locals {
  names = ["a", "b"]
}
resource "aws_sqs_queue" "q" {
  for_each = toset(local.names)
  name     = "q-${each.key}"
}
output "urls" {
  value = [for q in aws_sqs_queue.q : q.url]
}
