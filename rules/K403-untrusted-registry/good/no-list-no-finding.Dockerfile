# no trusted-registries: the rule is off
FROM evil.example.com/app:1.0
