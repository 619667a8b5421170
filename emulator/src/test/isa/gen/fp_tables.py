"""Prints the table section of rv32uf.S (argument s) or rv32ud.S (argument d):
one macro invocation per test with operands, expected result bits and the
expected fflags, computed by fpmodel.py. regen.py splices the output into
the .S files."""
import sys
from fpmodel import *
f = S if sys.argv[1]=='s' else D
sfx = 's' if f is S else 'd'
W = 8 if f is S else 16
def h(x): return '0x%0*x'%(W,x)
def c(x): return fs(x) if f is S else fd(x)
SNAN = 0x7fa00000 if f is S else 0x7ff4000000000000
QNAN = f.qnan
QNANP = (0x7fc12345 if f is S else 0x7ff8000000012345)   # quiet NaN with payload
NSNAN = (0xffa00001 if f is S else 0xfff4000000000001)
INF=f.inf; NINF=f.inf|f.sign; NZ=f.sign; MAXF=f.inf-1; MINN=1<<(f.p-1); SUB1=1; SUBMAX=MINN-1
one,two,three,half=c(1.0),c(2.0),c(3.0),c(0.5)
mone=c(-1.0)
eps1 = one+1   # 1 + ulp
out=[]
def two_op(op, cases, rms=(None,)):
  out.append(f'  /* f{op}.{sfx} */')
  for a,b in cases:
    for rm in rms:
      if rm is None:
        r,fl=binop(f,op,a,b); out.append(f'  t_{sfx}2 f{op}.{sfx}, {h(r)}, {fl:#x}, {h(a)}, {h(b)}')
      else:
        r,fl=binop(f,op,a,b,rm); out.append(f'  t_{sfx}2_rm f{op}.{sfx}, {["rne","rtz","rdn","rup","rmm"][rm]}, {h(r)}, {fl:#x}, {h(a)}, {h(b)}')
std=[(one,two),(c(2.5),c(-1.25)),(c(0.1),c(0.2)),(one,NZ),(NZ,NZ),(0,NZ),(INF,one),(INF,NINF),(INF,INF),(MAXF,MAXF),
     (SUB1,SUB1),(SUBMAX,SUB1),(QNAN,one),(one,SNAN),(QNANP,NSNAN),(MINN,NZ|SUB1)]
two_op('add',std+[(one,c(2.0**-(f.p)))])
two_op('add',[(one,c(2.0**-(f.p))|1),(MAXF,c(2.0**(f.emax-f.p))),(NZ|MAXF,NZ|c(2.0**(f.emax-f.p))),(MINN,NZ|SUB1),(one,c(-1.0))],rms=(RNE,RTZ,RDN,RUP,RMM))
two_op('sub',std+[(one,one),(NZ,0),(INF,INF),(MINN,SUB1),(c(3.0),c(2.0**-(f.p-1))|0)])
two_op('sub',[(one,one),(one,c(2.0**-(f.p))|1),(NZ|MAXF,MAXF)],rms=(RNE,RTZ,RDN,RUP,RMM))
two_op('mul',[(two,three),(c(-1.5),c(2.5)),(c(0.1),c(10.0)),(0,NZ),(INF,0),(NZ,INF),(NINF,c(-2.0)),(MAXF,two),(MAXF,c(-2.0)),
  (MINN,half),(SUB1,half),(SUB1,c(1.5)),(MINN,c(0.5*(1-2.0**-f.p))+0),(QNAN,INF),(SNAN,one),(eps1,eps1),(c(1.0/3),three)])
two_op('mul',[(MAXF,two),(c(1.0/3),three),(SUB1,half),(c(-0.1),c(0.3))],rms=(RNE,RTZ,RDN,RUP,RMM))
two_op('div',[(one,three),(c(-1.0),three),(c(6.0),three),(one,0),(mone,0),(one,NZ),(0,0),(NZ,one),(INF,INF),(INF,two),(one,INF),
  (MAXF,half),(MINN,c(4.0)),(SUB1,two),(QNAN,0),(one,SNAN),(c(22.0),c(7.0))])
two_op('div',[(one,three),(mone,three),(two,three)],rms=(RNE,RTZ,RDN,RUP,RMM))
out.append(f'  /* fsqrt.{sfx} */')
for a in [c(4.0),two,c(0.25),0,NZ,INF,NINF,mone,c(-1e-30),QNAN,SNAN,SUB1,MINN,c(10.0),MAXF]:
  r,fl=sqrt(f,a); out.append(f'  t_{sfx}1 fsqrt.{sfx}, {h(r)}, {fl:#x}, {h(a)}')
# fused
for op,np_,nc in [('fmadd',0,0),('fmsub',0,1),('fnmsub',1,0),('fnmadd',1,1)]:
  out.append(f'  /* {op}.{sfx} */')
  cases=[(one,two,three),(c(1.5),c(-2.0),c(0.25)),(three, c(1.0/3), mone),
     (eps1, c(1.0-2.0**-(f.p)) , mone),(INF,0,QNAN),(INF,0,one),(INF,one,NINF),(NINF,one,NINF),(one,one,c(-1.0)),
     (0,one,NZ),(NZ,one,0),(MAXF,two,NZ|MAXF),(QNAN,one,one),(one,SNAN,one),(one,one,SNAN),(SUB1,half,0),(MAXF,MAXF,NINF),(c(0.1),c(10.0),mone)]
  for a,b,cc in cases:
    r,fl=fma(f,a,b,cc,np_,nc); out.append(f'  t_{sfx}3 {op}.{sfx}, {h(r)}, {fl:#x}, {h(a)}, {h(b)}, {h(cc)}')
# sign injection (no canonicalisation, no flags)
out.append(f'  /* fsgnj*.{sfx} */')
S_=f.sign; M_=S_-1
for a,b in [(one,mone),(mone,one),(one,one),(mone,mone),(NZ,0),(0,NZ),(SNAN,NZ),(QNANP|S_,0),(INF,NINF),(SUB1,mone)]:
  out.append(f'  t_{sfx}2 fsgnj.{sfx}, {h((a&M_)|(b&S_))}, 0, {h(a)}, {h(b)}')
  out.append(f'  t_{sfx}2 fsgnjn.{sfx}, {h((a&M_)|(~b&S_))}, 0, {h(a)}, {h(b)}')
  out.append(f'  t_{sfx}2 fsgnjx.{sfx}, {h(a^(b&S_))}, 0, {h(a)}, {h(b)}')
# min/max
for op in ['min','max']:
  out.append(f'  /* f{op}.{sfx} */')
  for a,b in [(one,two),(two,one),(mone,one),(NZ,0),(0,NZ),(NZ,NZ),(QNAN,one),(one,QNAN),(SNAN,one),(one,NSNAN),(QNAN,QNAN),(SNAN,QNANP),(QNANP,QNANP),
              (INF,NINF),(NINF,MAXF|S_),(SUB1,NZ|SUB1),(MAXF,INF)]:
    r,fl=minmax(f,op,a,b); out.append(f'  t_{sfx}2 f{op}.{sfx}, {h(r)}, {fl:#x}, {h(a)}, {h(b)}')
# compares
for op in ['feq','flt','fle']:
  out.append(f'  /* {op}.{sfx} */')
  for a,b in [(one,one),(one,two),(two,one),(mone,one),(NZ,0),(0,NZ),(INF,INF),(NINF,INF),(INF,MAXF),(SUB1,0),(NZ|SUB1,NZ),
              (QNAN,one),(one,QNAN),(QNAN,QNAN),(SNAN,one),(one,SNAN),(NSNAN,NSNAN)]:
    r,fl=cmp(f,op,a,b); out.append(f'  t_{sfx}cmp {op}.{sfx}, {r}, {fl:#x}, {h(a)}, {h(b)}')
# fclass
out.append(f'  /* fclass.{sfx} */')
for a in [NINF,mone,NZ|SUB1,NZ|SUBMAX,NZ,0,SUB1,SUBMAX,MINN,one,MAXF,INF,SNAN,NSNAN,QNAN,QNANP,QNANP|S_,NZ|MINN,f.inf|1]:
  out.append(f'  t_fclass_{sfx} {fclass(f,a)}, {h(a)}')
# conversions to integer
rmn=["rne","rtz","rdn","rup","rmm"]
for op,sg in [('fcvt.w','1'),('fcvt.wu','0')]:
  out.append(f'  /* {op}.{sfx} */')
  vals=[c(2.5),c(-2.5),c(1.5),c(-1.5),c(0.5),c(-0.5),c(-0.9),c(0.9),c(3.7),c(-3.7),0,NZ,SUB1,NZ|SUB1,one,mone,c(2.0**31),c(-2.0**31),c(2.0**32),
        c(-2.0**31-1) if f is D else c(-2.0**31-256),c(4294967295.0) if f is D else c(4294967040.0),c(2147483647.5) if f is D else c(2147483520.0),
        c(-2147483648.5) if f is D else c(-2147483904.0),c(1e20),c(-1e20),INF,NINF,QNAN,SNAN,NSNAN,QNANP|S_]
  for a in vals:
    for rm in range(5):
      r,fl=f2i(f,a,rm,sg=='1'); out.append(f'  t_{sfx}2i {op}.{sfx}, {rmn[rm]}, {r:#010x}, {fl:#x}, {h(a)}')
# int -> float
for op,sg in [('fcvt.'+sfx+'.w',True),('fcvt.'+sfx+'.wu',False)]:
  out.append(f'  /* {op} */')
  for v in [0,1,0xffffffff,0x7fffffff,0x80000000,0x01000001,0x00ffffff,0x7ffffff0 ,0x80000001,0xfffffff9,16777217,0x7fffff80,123456789]:
    if f is S:
      for rm in range(5):
        r,fl=i2f(f,v,rm,sg); out.append(f'  t_i2s {op}, {rmn[rm]}, {h(r)}, {fl:#x}, {v:#x}')
    else:
      r,fl=i2f(f,v,RNE,sg); assert fl==0; out.append(f'  t_i2d {op}, {h(r)}, {v:#x}')
print('\n'.join(out))
more=[]
if f is S:
  # dynamic rounding mode through frm
  for rm in range(5):
    more.append(f'  fsrmi {rm}')
    for a,b in [(one,three),(c(-1.0),three)]:
      r,fl=binop(f,'div',a,b,rm); more.append(f'  t_s2_rm fdiv.s, dyn, {h(r)}, {fl:#x}, {h(a)}, {h(b)}')
    for a in [c(2.5),c(-2.5)]:
      r,fl=f2i(f,a,rm,True); more.append(f'  t_s2i fcvt.w.s, dyn, {r:#010x}, {fl:#x}, {h(a)}')
    r,fl=i2f(f,0x7fffffff,rm,True); more.append(f'  t_i2s fcvt.s.w, dyn, {h(r)}, {fl:#x}, 0x7fffffff')
    r,fl=fma(f,c(0.1),c(10.0),mone,rm=rm); more.append(f'  t_s3 fmadd.s, {h(r)}, {fl:#x}, {h(c(0.1))}, {h(c(10.0))}, {h(mone)}')
    r,fl=binop(f,'sub',one,one,rm); more.append(f'  t_s2_rm fsub.s, dyn, {h(r)}, {fl:#x}, {h(one)}, {h(one)}')
  more.append('  fsrmi 0')
else:
  for rm in range(5):
    more.append(f'  fsrmi {rm}')
    for a,b in [(one,three),(c(-1.0),three)]:
      r,fl=binop(f,'div',a,b,rm); more.append(f'  t_d2_rm fdiv.d, dyn, {h(r)}, {fl:#x}, {h(a)}, {h(b)}')
    for a in [c(2.5),c(-2.5),c(2147483647.5)]:
      r,fl=f2i(f,a,rm,True); more.append(f'  t_d2i fcvt.w.d, dyn, {r:#010x}, {fl:#x}, {h(a)}')
    for a in [c(1.0/3),c(-1.0/3),c(1e300),c(-1e300),c(1e-300)]:
      r,fl=cvt(D,S,a,rm); more.append(f'  t_ds dyn, 0x{r:08x}, {fl:#x}, {h(a)}')
  more.append('  fsrmi 0')
  more.append('  /* fcvt.s.d */')
  for a in [c(1.0),c(-2.5),c(1.0/3),c(0.1),c(1e300),c(-1e300),c(1e-300),c(-1e-300),c(3.4028235677973366e38),c(2.0**-149),c(2.0**-150),c(1.5*2.0**-149),
            c(2.0**-126),c(2.0**-127*(1+2.0**-30)),0,NZ,INF,NINF,QNAN,SNAN,NSNAN,QNANP,SUB1]:
    for rm in range(5):
      r,fl=cvt(D,S,a,rm); more.append(f'  t_ds {rmn[rm]}, 0x{r:08x}, {fl:#x}, {h(a)}')
  more.append('  /* fcvt.d.s (always exact) */')
  for a in [fs(1.0),fs(-2.5),fs(1/3),0,0x80000000,0x7f800000,0xff800000,0x7fc00000,0x7fa00000,0xffa00001,0x7fc12345,1,0x807fffff,0x7f7fffff,0x00800000]:
    r,fl=cvt(S,D,a); more.append(f'  t_sd {h(r)}, {fl:#x}, 0x{a:08x}')
print('\n'.join(more))
