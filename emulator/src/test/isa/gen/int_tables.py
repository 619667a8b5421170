"""Prints the table sections of rv32ui_alu.S (alu), rv32um.S (m) and
rv32ua.S (a): each line one macro invocation with operands and the expected
result computed here from the RISC-V definitions (32-bit wrap-around, shift
amounts masked to 5 bits, truncating division with the division-by-zero and
overflow results of the M extension). regen.py splices the output in."""
import sys
M=0xffffffff
def s(x): x&=M; return x-(1<<32) if x>>31 else x
ops={
 'add':lambda a,b:a+b,'sub':lambda a,b:a-b,'sll':lambda a,b:a<<(b&31),
 'srl':lambda a,b:(a&M)>>(b&31),'sra':lambda a,b:s(a)>>(b&31),
 'slt':lambda a,b:int(s(a)<s(b)),'sltu':lambda a,b:int((a&M)<(b&M)),
 'xor':lambda a,b:a^b,'or':lambda a,b:a|b,'and':lambda a,b:a&b,
 'mul':lambda a,b:s(a)*s(b),'mulh':lambda a,b:(s(a)*s(b))>>32,
 'mulhsu':lambda a,b:(s(a)*(b&M))>>32,'mulhu':lambda a,b:((a&M)*(b&M))>>32,
}
def div(a,b):
  a,b=s(a),s(b)
  if b==0: return -1
  if a==-2**31 and b==-1: return a
  q=abs(a)//abs(b); return q if (a<0)==(b<0) else -q
def rem(a,b):
  a,b=s(a),s(b)
  if b==0: return a
  if a==-2**31 and b==-1: return 0
  return a-div(a,b)*b
ops['div']=div; ops['rem']=rem
ops['divu']=lambda a,b: M if b&M==0 else (a&M)//(b&M)
ops['remu']=lambda a,b: a if b&M==0 else (a&M)%(b&M)
iops={'addi':'add','slti':'slt','sltiu':'sltu','xori':'xor','ori':'or','andi':'and','slli':'sll','srli':'srl','srai':'sra'}
def h(x): return '0x%08x'%(x&M)
import sys
def rr(op,cases):
  for a,b in cases: print(f'  t_rr {op}, {h(ops[op](a,b))}, {h(a)}, {h(b)}')
def ri(op,cases):
  for a,b in cases:
    bb=b if op not in('sltiu',) else b
    r=ops[iops[op]](a, b&M if op in ('sltiu',) else b)
    print(f'  t_ri {op}, {h(r)}, {h(a)}, {b}')
def same(op,a): print(f'  t_rr_same {op}, {h(ops[op](a,a))}, {h(a)}')

def alu_table():
    I=0x80000000; X=0x7fffffff; N=0xffffffff
    print('  /* ---- register-register ALU ---- */')
    rr('add',[(0,0),(1,1),(3,7),(X,1),(N,1),(I,I),(N,N),(I,N),(0x12345678,0x0fedcba9)])
    rr('sub',[(0,0),(1,1),(3,7),(I,1),(0,I),(N,N),(0,1),(X,N)])
    rr('sll',[(1,0),(1,1),(1,31),(1,32),(1,33),(N,0xffffffe1),(0x21212121,14),(0x21212121,31),(0x21212121,0xffffffe7)])
    rr('srl',[(I,0),(I,1),(I,31),(I,32),(N,0xffffffe4),(0x21212121,14),(N,31),(0x81818181,0xffffffc7)])
    rr('sra',[(I,0),(I,1),(I,31),(X,31),(I,32),(0x81818181,0xffffffc7),(0x81818181,31),(0x7f7f7f7f,3),(N,0xffffffff)])
    rr('slt',[(0,0),(N,0),(0,N),(I,X),(X,I),(1,1),(0xfffffffe,N),(N,0xfffffffe),(I,0)])
    rr('sltu',[(0,N),(N,0),(I,X),(X,I),(5,5),(0,1),(N,N),(0xfffffffe,N)])
    rr('xor',[(0xff00ff00,0x0f0f0f0f),(0x00ff00ff,0xf0f0f0f0),(N,N),(0,N)])
    rr('or',[(0xff00ff00,0x0f0f0f0f),(0x00ff00ff,0xf0f0f0f0),(0,0),(I,1)])
    rr('and',[(0xff00ff00,0x0f0f0f0f),(0x00ff00ff,0xf0f0f0f0),(N,N),(N,0)])
    for op,a in [('add',0x40000001),('sub',0x1234),('sll',3),('srl',0x80000001),('sra',0x80000005),('slt',N),('sltu',7),('xor',0x5a5a5a5a),('or',0x5a5a5a5a),('and',0x5a5a5a5a)]: same(op,a)
    print('  /* ---- register-immediate ALU ---- */')
    ri('addi',[(0,0),(1,1),(X,1),(0,-2048),(0,2047),(I,-1),(N,1),(0x7ffff800,2047),(5,-5)])
    ri('slti',[(0,0),(N,0),(0,-1),(I,2047),(X,-2048),(0xfffff7ff,-2048),(0xfffff800,-2048),(1,2)])
    ri('sltiu',[(5,-1),(N,-1),(0,1),(1,1),(I,2047),(0x7ff,-2048),(0xfffff800,-2048),(0xfffff7ff,-2048)])
    ri('xori',[(0x00ff0f00,-241),(0x00ff08ff,0x70f),(0x12345678,-1),(0xf00ff00f,0)])
    ri('ori',[(0xff00ff00,-241),(0x00ff00ff,0x70f),(0,-1),(I,0)])
    ri('andi',[(0xff00ff00,-256),(0x00ff00ff,0x70f),(N,-2048),(0x12345678,0)])
    ri('slli',[(1,0),(1,1),(1,31),(N,7),(0x21212121,20),(0x21212121,31)])
    ri('srli',[(I,0),(I,1),(I,31),(N,7),(0x21212121,20),(0x81818181,31)])
    ri('srai',[(I,0),(I,1),(I,31),(X,31),(0x81818181,7),(0x7f7f7f7f,30),(N,31)])

def m_table():
    I=0x80000000; X=0x7fffffff; N=0xffffffff
    base=[(0,0),(1,1),(3,7),(N,N),(I,N),(N,I),(I,I),(X,X),(X,I),(0x12345678,0x9abcdef0),(N,1),(7,0),(I,0),(0xfffffff9,2)]
    for op in ['mul','mulh','mulhsu','mulhu']:
      print(f'  /* {op} */'); rr(op, base+[(0xaaaaaaab,0x0002fe7d),(0x0002fe7d,0xaaaaaaab)])
    dv=[(20,6),(0xffffffec,6),(20,0xfffffffa),(0xffffffec,0xfffffffa),(7,2),(0xfffffff9,2),(7,0xfffffffe),(0xfffffff9,0xfffffffe),
        (I,1),(I,N),(I,0),(1,0),(0,0),(N,0),(X,0),(0,1),(I,2),(N,N),(3,X),(X,I),(I,X)]
    for op in ['div','divu','rem','remu']:
      print(f'  /* {op} */'); rr(op, dv)
    for op,a in [('mul',0x10001),('mulh',I),('mulhsu',N),('mulhu',N),('div',I),('divu',0),('rem',5),('remu',0)]: same(op,a)
    for op in ['mul','mulhu','div','rem']: print(f'  t_rr_x0 {op}, 0x12345678, 0x9abcdef0')

def a_table():
    I=0x80000000; X=0x7fffffff; N=0xffffffff
    f={'amoswap.w':lambda m,s_:s_,'amoadd.w':lambda m,s_:m+s_,'amoxor.w':lambda m,s_:m^s_,'amoand.w':lambda m,s_:m&s_,
     'amoor.w':lambda m,s_:m|s_,'amomin.w':lambda m,s_:min(s(m),s(s_)),'amomax.w':lambda m,s_:max(s(m),s(s_)),
     'amominu.w':lambda m,s_:min(m,s_),'amomaxu.w':lambda m,s_:max(m,s_)}
    cases={'amoswap.w':[(0x12345678,0x9abcdef0),(0,N),(I,0)],
     'amoadd.w':[(1,2),(X,1),(N,1),(I,N),(0x12345678,0x9abcdef0)],
     'amoxor.w':[(0xff00ff00,0x0ff00ff0),(N,N),(0,0x5a5a5a5a)],
     'amoand.w':[(0xff00ff00,0x0ff00ff0),(N,0x5a5a5a5a),(0x5a5a5a5a,0)],
     'amoor.w':[(0xff00ff00,0x0ff00ff0),(0,0x5a5a5a5a),(I,1)],
     'amomin.w':[(I,X),(X,I),(N,0),(0,N),(N,1),(5,5),(0xfffffffe,N)],
     'amomax.w':[(I,X),(X,I),(N,0),(0,N),(N,1),(5,5),(0xfffffffe,N)],
     'amominu.w':[(I,X),(X,I),(N,0),(0,N),(N,1),(5,5),(0xfffffffe,N)],
     'amomaxu.w':[(I,X),(X,I),(N,0),(0,N),(N,1),(5,5),(0xfffffffe,N)]}
    for op,cs in cases.items():
      print(f'  /* {op} */')
      for m,v in cs: print(f'  t_amo {op}, 0x{m:08x}, 0x{v:08x}, 0x{f[op](m,v)&M:08x}')

if __name__ == '__main__':
    {'alu': alu_table, 'm': m_table, 'a': a_table}[sys.argv[1]]()
