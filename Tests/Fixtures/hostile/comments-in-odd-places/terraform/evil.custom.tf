resource /* a */ "aws_s3_bucket" /* b */ "b" { # c
  bucket = /* d */ "x" // e
  tags = { # f
    a = "b" /* g */
  }
}
