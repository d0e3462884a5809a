grammar Mosaic;

// A Mosaic script: declarations (tenant, components, bindings, policy, exports) and
// statements run in order by `mosaic run` and the REPL.

script      : versionDecl? item* EOF ;

versionDecl : MOSAIC INT ;

item        : tenantDecl
            | componentDecl
            | bindDecl
            | policyDecl
            | exportDecl
            | statement
            ;

tenantDecl  : TENANT STRING ( LBRACE limitDecl* RBRACE )? ;
limitDecl   : name=IDENT INT unit=IDENT? ;

componentDecl : COMPONENT name=IDENT FROM source=(STRING | DIGEST) ;

bindDecl    : BIND importer=IDENT DOT module=IDENT DOT field=IDENT ARROW exporter=IDENT DOT export=IDENT ;

policyDecl  : POLICY LBRACE ruleDecl* RBRACE ;
ruleDecl    : effect=(ALLOW | DENY) target=(IDENT | STAR) capability=IDENT STRING* ;

exportDecl  : EXPORT component=IDENT DOT function=IDENT ;

statement   : PRINT expr                                  # printStmt
            | LET IDENT ASSIGN expr                       # letStmt
            | expr                                        # exprStmt
            ;

expr        : component=IDENT DOT function=IDENT LPAREN (expr (COMMA expr)*)? RPAREN  # callExpr
            | MINUS? INT                                  # intExpr
            | STRING                                      # stringExpr
            | IDENT                                       # nameExpr
            ;

MOSAIC    : 'mosaic' ;
TENANT    : 'tenant' ;
COMPONENT : 'component' ;
FROM      : 'from' ;
BIND      : 'bind' ;
POLICY    : 'policy' ;
ALLOW     : 'allow' ;
DENY      : 'deny' ;
EXPORT    : 'export' ;
PRINT     : 'print' ;
LET       : 'let' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
DOT    : '.' ;
ARROW  : '->' ;
ASSIGN : '=' ;
STAR   : '*' ;
MINUS  : '-' ;

DIGEST : 'sha256:' [0-9a-f]+ ;
IDENT  : [A-Za-z_] [A-Za-z0-9_-]* ;
INT    : [0-9]+ ;
STRING : '"' ( ~["\\\r\n] | '\\' . )* '"' ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n]+ -> skip ;
