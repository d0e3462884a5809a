grammar Mosaic;

// A Mosaic script: declarations (tenant, interfaces, components, bindings, policy, exports) and
// statements run in order by `mosaic run` and the REPL. docs/language.md is the reference.

script      : versionDecl? item* EOF ;

versionDecl : MOSAIC INT ;

item        : tenantDecl
            | interfaceDecl
            | componentDecl
            | bindDecl
            | policyDecl
            | exportDecl
            | statement
            ;

tenantDecl  : TENANT STRING ( LBRACE limitDecl* RBRACE )? ;
limitDecl   : name=IDENT INT unit=IDENT? ;

// Interfaces: a WIT-like subset. `greet: func(a: s32, b: s32) -> s32;` and
// `record point { x: f64, y: f64 }`.
interfaceDecl : INTERFACE name=IDENT LBRACE interfaceMember* RBRACE ;
interfaceMember : recordDef | funcDef ;
recordDef   : RECORD name=IDENT LBRACE ( fieldDef ( COMMA fieldDef )* COMMA? )? RBRACE ;
fieldDef    : name=IDENT COLON typeRef ;
funcDef     : name=IDENT COLON FUNC LPAREN ( fieldDef ( COMMA fieldDef )* COMMA? )? RPAREN
              ( ARROW typeRef )? SEMI? ;
typeRef     : LIST LT typeRef GT                          # listType
            | name=IDENT                                  # namedType
            ;

componentDecl : COMPONENT name=IDENT FROM source=(STRING | DIGEST)
                ( SIGNED BY signer=STRING )?
                ( IMPLEMENTS iface=IDENT )? ;

// `bind app.env.greet -> hello.greet` wires one function; `bind app.greeter: greeting -> hello`
// wires every import of module `greeter` to the export of the same name.
// `mosaic` may follow as the module, so that binding a capability gets its own message (E6008).
// `bind app."mosaic:calc/ops@0.1.0" -> calc` wires a component's imported WIT interface to the
// exporter's export of the same name (or `-> calc."other:pkg/iface"`, another name).
bindDecl    : BIND importer=IDENT DOT ( module=( IDENT | MOSAIC ) ( DOT field=IDENT )? ( COLON iface=IDENT )?
                                      | witImport=STRING )
              ARROW exporter=IDENT ( DOT ( export=IDENT | witExport=STRING ) )? ;

policyDecl  : POLICY LBRACE ( ruleDecl | requireDecl )* RBRACE ;
// `require signature cosign, pgp for vault, app` or `... for *`: those components' blobs must be
// signed, checked by one of the verifiers.
requireDecl : REQUIRE SIGNATURE verifiers+=IDENT ( COMMA verifiers+=IDENT )*
              FOR ( targets+=IDENT ( COMMA targets+=IDENT )* | all=STAR ) ;
ruleDecl    : effect=(ALLOW | DENY) target=(IDENT | STAR) capability=IDENT
              ( STRING ( COMMA STRING )* )?
              ( WHEN condition ( AND condition )* )? ;
condition   : subject=(TENANT | IDENT) op=(EQ | NEQ) value=STRING ;

// `export calc."mosaic:calc/ops@0.1.0#sum"`: an interface function of a component, by string.
exportDecl  : EXPORT component=IDENT DOT function=( IDENT | STRING ) ;

statement   : PRINT expr                                  # printStmt
            | LET IDENT ASSIGN expr                       # letStmt
            | ASSERT expr ( op=(EQ | NEQ) expr )? ( COMMA STRING )?  # assertStmt
            | LOAD STRING                                 # loadStmt
            | expr                                        # exprStmt
            ;

// `calc.add(1, 2)`; a function of a component's exported interface is named by a string:
// `calc."mosaic:calc/ops@0.1.0#sum"([1, 2])`.
expr        : component=IDENT DOT function=( IDENT | STRING ) LPAREN ( expr ( COMMA expr )* )? RPAREN  # callExpr
            | LPAREN expr RPAREN                          # parenExpr
            | wave                                        # waveExpr
            | MINUS? INT                                  # intExpr
            | MINUS? FLOAT                                # floatExpr
            | STRING                                      # stringExpr
            | value=(TRUE | FALSE)                        # boolExpr
            | IDENT                                       # nameExpr
            ;

// A compound value in WAVE (the WebAssembly Value Encoding), an argument of a component's
// function: list `[1, 2]`, record `{name: "a", qty: 2}`, flags `{read, write}`, tuple `(1, "a")`,
// `some(1)`, `ok(v)`, `err(e)`, a variant case `%case(v)` or `case(v)`. Its text is read against
// the parameter's WIT type when the script compiles; a plain name (`none`, an enum case) is a
// `nameExpr` the compiler reads the same way when no variable has that name.
wave        : LBRACKET ( waveItem ( COMMA waveItem )* COMMA? )? RBRACKET
            | LBRACE ( waveField ( COMMA waveField )* COMMA? )? RBRACE
            | LBRACE COLON RBRACE
            | LPAREN waveItem ( COMMA waveItem )+ COMMA? RPAREN
            | IDENT LPAREN waveItem RPAREN
            | PERCENT waveName ( LPAREN waveItem RPAREN )?
            ;
waveItem    : wave | MINUS? INT | MINUS? FLOAT | STRING | CHAR | TRUE | FALSE | MINUS? waveName ;
waveField   : PERCENT? waveName ( COLON waveItem )? ;
// WIT names may be words the script reserves (`{from: 1}`, `%list`).
waveName    : IDENT | MOSAIC | TENANT | INTERFACE | RECORD | FUNC | LIST | COMPONENT | FROM
            | SIGNED | BY | IMPLEMENTS | BIND | POLICY | ALLOW | DENY | WHEN | REQUIRE | SIGNATURE
            | FOR | AND | EXPORT | PRINT | LET | ASSERT | LOAD ;

MOSAIC     : 'mosaic' ;
TENANT     : 'tenant' ;
INTERFACE  : 'interface' ;
RECORD     : 'record' ;
FUNC       : 'func' ;
LIST       : 'list' ;
COMPONENT  : 'component' ;
FROM       : 'from' ;
SIGNED     : 'signed' ;
BY         : 'by' ;
IMPLEMENTS : 'implements' ;
BIND       : 'bind' ;
POLICY     : 'policy' ;
ALLOW      : 'allow' ;
DENY       : 'deny' ;
WHEN       : 'when' ;
REQUIRE    : 'require' ;
SIGNATURE  : 'signature' ;
FOR        : 'for' ;
AND        : 'and' ;
EXPORT     : 'export' ;
PRINT      : 'print' ;
LET        : 'let' ;
ASSERT     : 'assert' ;
LOAD       : 'load' ;
TRUE       : 'true' ;
FALSE      : 'false' ;

LBRACE : '{' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
PERCENT : '%' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LT     : '<' ;
GT     : '>' ;
COMMA  : ',' ;
DOT    : '.' ;
COLON  : ':' ;
SEMI   : ';' ;
ARROW  : '->' ;
EQ     : '==' ;
NEQ    : '!=' ;
ASSIGN : '=' ;
STAR   : '*' ;
MINUS  : '-' ;

DIGEST : 'sha256:' [0-9a-f]+ ;
IDENT  : [A-Za-z_] ( [A-Za-z0-9_] | '-' [A-Za-z0-9_] )* ;
FLOAT  : [0-9]+ '.' [0-9]+ ;
INT    : [0-9]+ ;
STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
// A WAVE char (`'x'`, `'\u{1f600}'`), written only inside a compound value.
CHAR   : '\'' ( ~['\\\r\n] | '\\' ~[\r\n] )+ '\'' ;
// A string the line ends in: one token, so ScriptParser reports it once, where it starts.
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '\\'? ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// A block comment the file ends in (no `*/` anywhere after its start).
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS : [ \t\r\n]+ -> skip ;
