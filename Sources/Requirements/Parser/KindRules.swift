/// Words that mention each building block, and the stronger phrases that ask for one to be built.
enum KindRules {
    /// Mentions route a statement's details to a component.
    static let mention: [(ComponentKind, String)] = [
        (.staticSite, "\\b(static (web ?)?site|website|site|cloudfront|cdn|brochure site|static html|origin access control)\\b"),
        (.network, "\\b(vpcs?|subnets?|nat gateways?|nat|internet gateway|availability zones?|azs?|flow logs?|route tables?)\\b"),
        (.bucket, "\\b(s3 )?buckets?\\b|\\b(stored|store|storing|uploads?|files|objects|archive|exports?) (in|to|into) s3\\b"),
        (.webTier, "\\b(auto ?scaling group|autoscaling|\\basg\\b|group of (web |app )?servers|web tier|web servers|load balancer|\\balb\\b|launch template|target group|redirect(ed)?|listeners?|ssm|session manager|ssh|bastion|ami|user data|app servers?|instances?)"),
        (.instance, "\\b(ec2 instances?|instances?|virtual machines?|vms?|box|servers?|ssm|session manager|ssh|bastion|ami|user data|key pair)\\b"),
        (.database, "\\b(rds|postgres(ql)?|mysql|mariadb|aurora|databases?|db|read replica|primary)\\b"),
        (.dynamodb, "\\b(dynamo ?db|dynamo|gsi|global secondary index|the table)\\b"),
        (.queue, "\\b(sqs|queues?|dlq|dead[- ]letter)\\b"),
        (.topic, "\\b(sns|topics?)\\b"),
        (.function, "\\b(lambdas?|functions?|runtime|handler)\\b"),
        (.httpApi, "\\b(http api|api gateway|apigateway|rest api|serverless api|cors|throttling|api access logs?)\\b"),
        (.container, "\\b(ecs|fargate|containers?|containeri[sz]ed|tasks?)\\b"),
        (.registry, "\\b(ecr|(image|container|docker) registr(y|ies)|repos?|repositor(y|ies))\\b"),
        (.cache, "\\b(redis|elasticache|valkey|cache)\\b"),
        (.key, "\\b(customer[- ]managed (kms )?key|cmk|kms key|key policy|encryption key|alias/[\\w/-]+)\\b"),
        (.secret, "\\b(secrets? manager|secrets?)\\b"),
        (.alarm, "\\b(alarms?|alerts?|alerting)\\b|" + KindRules.notifyOnCondition),
        (.fileSystem, "\\b(efs|elastic file system|shared (folder|file ?system|storage|drive)|nfs)\\b"),
        (.role, "\\b(iam roles?|roles?|instance profiles?|permissions boundary|trust)\\b"),
    ]

    /// Phrases strong enough to create a component when not negated or existing.
    static let strong: [ComponentKind: String] = [
        .staticSite: "\\b(static (web ?)?site|website|cloudfront|cdn|brochure site|static html)\\b",
        .network: "\\b(vpc|subnets?|nat gateways?|internet gateway)\\b",
        .bucket: "\\b(s3 )?buckets?\\b|\\b(stored|store|storing|uploads?|files|objects|archive|exports?) (in|to|into) s3\\b",
        .webTier: "\\b(auto ?scaling group|\\basg\\b|group of (web |app )?servers|web tier|(web|app) servers? behind|scal(e|ing) (out|in|between|on|up)\\b)|\\b\\d+ ?x ?[a-z]\\d[a-z0-9]*\\.[a-z0-9]+ behind|\\binstances? behind (an? |the )?(alb|load balancer)",
        .instance: "\\b(ec2 instances?|ec2 (vm|server|box|machine)s?|(a|an|one|\\d+) (x )?((ubuntu|debian|linux|windows|amazon linux( 2023)?) )?([a-z]\\d[a-z0-9]*\\.[a-z0-9]+ )?(linux |windows |small |dedicated |new |ec2 |separate )?(box|vm|virtual machine|server|instance)s?)\\b",
        .database: "\\b(rds|postgres(ql)?|mysql|mariadb|aurora|sql server|db instance|read replica)\\b|\\b(a|new|primary|relational) database\\b",
        .dynamodb: "\\b(dynamo ?db|dynamo table)\\b|\\bthe table\\b",
        .queue: "\\b(sqs|queues?)\\b",
        .topic: "\\b(sns|topics?)\\b",
        .function: "\\b(lambdas?|lambda functions?|serverless functions?|runtime\\W+(python ?3\\.\\d+|nodejs ?\\d+(\\.x)?|node\\.js ?\\d+|java ?\\d+|ruby ?3\\.\\d))\\b",
        .httpApi: "\\b(http api|api gateway|apigateway|rest api|serverless api)\\b",
        .container: "\\b(ecs(?! task (execution )?role)|fargate|containeri[sz]ed|docker (image|container)s?)\\b",
        .registry: "\\b(ecr|(image|container|docker) registr(y|ies))\\b",
        .cache: "\\b(redis|elasticache|valkey)\\b",
        .key: "\\b(customer[- ]managed (kms )?key|cmk|(new|own|dedicated|a|one|symmetric) (kms )?key|kms key (with|alias)|alias/[\\w/-]+)\\b",
        .secret: "\\b(secrets manager secret|secret name|(a|new|one) secret|secret for)\\b",
        .alarm: "\\b(alarms?|alert(s|ing)? (when|if|on))\\b|" + KindRules.notifyOnCondition,
        .fileSystem: "\\b(efs|elastic file system|shared (folder|file ?system|storage|drive)|nfs)\\b",
        .role: "\\b(iam role|role `|^role\\b|instance role|instance profile)",
    ]

    /// Nouns that may directly precede a name in quotes or backticks.
    static let nameNoun: [ComponentKind: String] = [
        .network: "vpc", .bucket: "(?:s3 )?bucket", .database: "(?:db|database|instance)", .dynamodb: "(?:dynamodb )?table",
        .queue: "(?:sqs )?queue(?: sqs)?", .topic: "(?:sns )?topic(?: sns)?", .function: "(?:lambda function|lambda|function)", .registry: "(?:ecr )?(?:repo|repository)",
        .container: "(?:service|cluster)", .cache: "(?:cluster|replication group)", .secret: "secret(?: name)?",
        .role: "role", .fileSystem: "(?:efs|file system)", .alarm: "alarm", .instance: "instance",
    ]

    /// "If the status check fails, email ops@…", "page us when it errors": a condition that
    /// notifies someone is an alarm, whether or not the word is used.
    static let notifyOnCondition = "\\b(if|when|whenever)\\b[^.;]{0,60}\\b(fails?|failing|goes down|is down|breach(es)?|exceeds?|errors?)\\b[^.;]{0,30}\\b(e-?mail|notify|page|text|alert)\\b|\\b(e-?mail|notify|page|alert) (us|me|the team|on-?call|[a-z0-9._%+-]+@[a-z0-9.-]+)\\b[^.;]{0,60}\\b(if|when|whenever)\\b[^.;]{0,60}\\b(fails?|failing|goes down|is down|breach(es)?|exceeds?|errors?)\\b"

    /// Kinds that may appear several times with different names.
    static let multiple: Set<ComponentKind> = [.queue, .function, .bucket, .topic, .secret, .dynamodb, .alarm]
}
