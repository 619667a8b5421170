# Own case: numbers, strings, bytes and f-strings (3.11-compatible forms).
0
42
1_000_000
0xFF
0o777
0b1010
0x_dead_beef
123456789012345678901234567890
1.5
1e10
1.5e-10
.5
5.
1_0.0_1
1e-09
1j
2.5J
1e3j
0j
True, False, None, ...
'single'
"double"
'''triple
single'''
"""triple "double" """
'it\'s'
"say \"hi\""
'\n\t\\\x41\101\u00e9\U0001F600\N{BULLET}'
r'raw\n\d'
R"raw"
b'bytes\x00\xff'
rb'raw\bytes'
BR"raw"
u'unicode kind'
'implicit' "concatenation" '''three'''
u'kind' 'stays'
'\u00e9t\u00e9'
'tab\there'
"quote ' mixed \" both"
'\x7f\x80\xa0\u2028\ufeff'
f'plain'
f'{x}'
f'{x!r} {y!s} {z!a}'
f'{x:>10} {y:{width}.{prec}f}'
f'{x=}'
f'{x = }'
f'{x=!s}'
f'{x=:>5}'
f'{{literal}} {x}'
f'a' 'b' f'{c}' 'd'
f"{'nested'}"
f'''{x
}'''
f'{x:}'
f'{a["key"]}'
f'{3.14:.2f}'
f'{"a" if x else "b"}'
F'{x}' rf'{y}\n' fR'\{z}'
'' f''
f'{x}{y}'
f'{x:{y}}'
f'{lambda_: 1}'
f'{(lambda: 1)()}'
f'{x:%H:%M}'
f'\N{BULLET} {x}'
