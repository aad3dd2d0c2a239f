locals {
  a = jsonencode({ x = [for s in split(",", "a,b") : upper(trimspace(s))] })
  b = cidrsubnet("10.0.0.0/16", 8, 1)
  c = merge({ a = 1 }, { b = format("%s-%d", "x", 2) })
  d = [for k, v in { a = 1 } : "${k}=${v}" if v > 0]
  e = try(lookup({}, "k"), "default")
  f = basename("a/b.txt")
}
