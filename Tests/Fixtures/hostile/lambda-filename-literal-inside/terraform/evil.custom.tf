resource "aws_lambda_function" "x" {
  function_name = "x"
  role          = "arn:aws:iam::123456789012:role/x"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/x.zip"
}
