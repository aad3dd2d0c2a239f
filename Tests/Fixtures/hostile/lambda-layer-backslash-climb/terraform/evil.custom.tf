resource "aws_lambda_layer_version" "x" {
  layer_name = "x"
  filename   = "..\\..\\secret.zip"
}
