"""Exact reference model of RISC-V F/D arithmetic for the test tables.

Values are decoded to exact rationals (fractions.Fraction) and every
result is rounded once, in the requested rounding mode, with the fflags
that the RISC-V unprivileged spec (F/D chapters) requires: NX when the
rounded result differs from the exact one, UF when the result is tiny
(detected after rounding) and inexact, OF with the per-mode overflow value,
DZ for finite / 0, NV for invalid operations and signalling NaN inputs; NaN
results are the canonical NaN. Used only to write the expected values in
rv32uf.S / rv32ud.S; qemu-riscv32 agrees with every line.
"""
from fractions import Fraction as F
import math, struct
NV,DZ,OF,UF,NX=0x10,0x08,0x04,0x02,0x01
RNE,RTZ,RDN,RUP,RMM=0,1,2,3,4
class Fmt:
  def __init__(s,p,ebits):
    s.p=p; s.eb=ebits; s.bias=(1<<(ebits-1))-1; s.emin=1-s.bias; s.emax=s.bias
    s.n=p+ebits; s.qnan=((1<<ebits)-1)<<(p-1) | (1<<(p-2))
    s.inf=((1<<ebits)-1)<<(p-1); s.sign=1<<(s.n-1)
S=Fmt(24,8); D=Fmt(53,11)
def decode(f,b):
  sg=-1 if b>>(f.n-1) else 1; e=(b>>(f.p-1))&((1<<f.eb)-1); m=b&((1<<(f.p-1))-1)
  if e==(1<<f.eb)-1: return ('nan', m>>(f.p-2)==0 and m!=0) if m else ('inf',sg)   # ('nan', is_snan)
  if e==0: return ('num', sg*F(m)*F(2)**(f.emin-(f.p-1)), sg)
  return ('num', sg*(F(m)+2**(f.p-1))*F(2)**(e-f.bias-(f.p-1)), sg)
def rint(m,neg,rm):
  fl=math.floor(m); fr=m-fl
  if fr==0: return fl
  if rm==RNE: return fl+1 if fr>F(1,2) or (fr==F(1,2) and fl%2==1) else fl
  if rm==RMM: return fl+1 if fr>=F(1,2) else fl
  if rm==RTZ: return fl
  if rm==RDN: return fl+1 if neg else fl
  if rm==RUP: return fl if neg else fl+1
def ilog2(a):
  e=a.numerator.bit_length()-a.denominator.bit_length()
  while F(2)**e>a: e-=1
  while F(2)**(e+1)<=a: e+=1
  return e
def rnd(f,x,rm,negzero=False):
  """round exact Fraction x; returns (bits, flags)"""
  if x==0: return (f.sign if negzero else 0),0
  neg=x<0; a=-x if neg else x; sb=f.sign if neg else 0
  e=ilog2(a)
  q=F(2)**(max(e,f.emin)-(f.p-1)); M=rint(a/q,neg,rm); v=M*q
  fl=0 if v==a else NX
  q2=F(2)**(e-(f.p-1)); v2=rint(a/q2,neg,rm)*q2
  if v2<F(2)**f.emin and fl: fl|=UF
  maxv=(2**f.p-1)*F(2)**(f.emax-(f.p-1))
  if v>maxv:
    big = {RNE:True,RMM:True,RTZ:False,RDN:neg,RUP:not neg}[rm]
    return sb|(f.inf if big else f.inf-1), OF|NX
  if v==0: return sb,fl
  E=ilog2(v)
  if E<f.emin: return sb|int(v/F(2)**(f.emin-(f.p-1))), fl
  man=int(v/F(2)**(E-(f.p-1)))-2**(f.p-1)
  return sb|((E+f.bias)<<(f.p-1))|man, fl
def nanres(f,*ops):
  fl=NV if any(o[0]=='nan' and o[1] for o in ops) else 0
  return f.qnan, fl
def binop(f,op,a,b,rm=RNE):
  A=decode(f,a); B=decode(f,b)
  if A[0]=='nan' or B[0]=='nan': return nanres(f,A,B)
  if op in('add','sub'):
    bs = B if op=='add' else ((B[0],-B[1]) if B[0]=='inf' else ('num',-B[1],-B[2]))
    if A[0]=='inf' and bs[0]=='inf': return (f.qnan,NV) if A[1]!=bs[1] else (a if A[1]>0 else a, 0)
    if A[0]=='inf': return a,0
    if bs[0]=='inf': return (f.inf if bs[1]>0 else f.inf|f.sign),0
    x=A[1]+bs[1]
    if x==0:
      if A[1]==0 and bs[1]==0: nz = (A[2]<0 and bs[2]<0) or (A[2]!=bs[2] and rm==RDN)
      else: nz = rm==RDN
      return rnd(f,x,rm,nz)
    return rnd(f,x,rm)
  sgn=lambda X: X[1] if X[0]=='inf' else X[2]
  s_=sgn(A)*sgn(B); sbit=f.sign if s_<0 else 0
  if op=='mul':
    if (A[0]=='inf' and B[0]=='num' and B[1]==0) or (B[0]=='inf' and A[0]=='num' and A[1]==0): return f.qnan,NV
    if A[0]=='inf' or B[0]=='inf': return sbit|f.inf,0
    return rnd(f,A[1]*B[1],rm,s_<0)
  if op=='div':
    if A[0]=='inf' and B[0]=='inf': return f.qnan,NV
    if A[0]=='inf': return sbit|f.inf,0
    if B[0]=='inf': return sbit,0
    if B[1]==0:
      if A[1]==0: return f.qnan,NV
      return sbit|f.inf,DZ
    return rnd(f,A[1]/B[1],rm,s_<0)
def fma(f,a,b,c,negprod=False,negc=False,rm=RNE):
  A,B,C=decode(f,a),decode(f,b),decode(f,c)
  inf0=(A[0]=='inf' and B[0]=='num' and B[1]==0) or (B[0]=='inf' and A[0]=='num' and A[1]==0)
  if inf0: return f.qnan,NV
  if 'nan' in (A[0],B[0],C[0]): return nanres(f,A,B,C)
  sgn=lambda X: X[1] if X[0]=='inf' else X[2]
  ps=sgn(A)*sgn(B)*(-1 if negprod else 1); cs=sgn(C)*(-1 if negc else 1)
  if A[0]=='inf' or B[0]=='inf':
    if C[0]=='inf' and cs!=ps: return f.qnan,NV
    return (f.sign if ps<0 else 0)|f.inf,0
  if C[0]=='inf': return (f.sign if cs<0 else 0)|f.inf,0
  p=A[1]*B[1]*(-1 if negprod else 1); cc=C[1]*(-1 if negc else 1); x=p+cc
  if x==0:
    if p==0 and cc==0: nz=(ps<0 and cs<0) or (ps!=cs and rm==RDN)
    else: nz=rm==RDN
    return rnd(f,x,rm,nz)
  return rnd(f,x,rm)
def sqrt(f,a):
  A=decode(f,a)
  if A[0]=='nan': return nanres(f,A)
  if A[0]=='inf': return (a,0) if A[1]>0 else (f.qnan,NV)
  if A[1]==0: return a,0
  if A[1]<0: return f.qnan,NV
  # exact rounding: scale to integer with many extra bits
  x=A[1]; k=1300
  n=x*F(4)**k; r=math.isqrt(n.numerator//n.denominator)
  exact = F(r)**2==n
  val=F(r)/F(2)**k
  bits,fl=rnd(f,val+(0 if exact else F(1,2**(k+60))),RNE)
  return bits,(0 if exact else NX)
def f2i(f,a,rm,signed):
  A=decode(f,a)
  lo,hi=(-2**31,2**31-1) if signed else (0,2**32-1)
  if A[0]=='nan': return hi&0xffffffff,NV
  if A[0]=='inf': return (hi if A[1]>0 else lo)&0xffffffff,NV
  x=A[1]; neg=x<0; r=rint(abs(x),neg,rm); r=-r if neg else r
  if r<lo or r>hi: return (hi if x>0 else lo)&0xffffffff,NV
  return r&0xffffffff,(0 if r==x else NX)
def i2f(f,v,rm,signed):
  v&=0xffffffff
  if signed and v>>31: v-=2**32
  return rnd(f,F(v),rm)
def cmp(f,op,a,b):
  A,B=decode(f,a),decode(f,b)
  if A[0]=='nan' or B[0]=='nan':
    sig = op!='feq' or (A[0]=='nan' and A[1]) or (B[0]=='nan' and B[1])
    return 0,(NV if sig else 0)
  va = A[1]*F(10)**400 if A[0]=='inf' else A[1]; vb = B[1]*F(10)**400 if B[0]=='inf' else B[1]
  return int({'feq':va==vb,'flt':va<vb,'fle':va<=vb}[op]),0
def minmax(f,op,a,b):
  A,B=decode(f,a),decode(f,b)
  fl=NV if (A[0]=='nan' and A[1]) or (B[0]=='nan' and B[1]) else 0
  if A[0]=='nan' and B[0]=='nan': return f.qnan,fl
  if A[0]=='nan': return b,fl
  if B[0]=='nan': return a,fl
  va = A[1]*F(10)**400 if A[0]=='inf' else A[1]; vb = B[1]*F(10)**400 if B[0]=='inf' else B[1]
  if va==vb:  # zeros of different sign
    an=a>>(f.n-1); bn=b>>(f.n-1)
    if op=='min': return (a if an else b),fl
    return (b if an else a),fl
  return ((a if va<vb else b) if op=='min' else (a if va>vb else b)),fl
def cvt(src,dst,a,rm=RNE):
  A=decode(src,a)
  if A[0]=='nan': return dst.qnan,(NV if A[1] else 0)
  if A[0]=='inf': return (dst.sign if A[1]<0 else 0)|dst.inf,0
  return rnd(dst,A[1],rm,A[2]<0)
def fclass(f,a):
  A=decode(f,a); neg=a>>(f.n-1)
  if A[0]=='nan': return 1<<8 if A[1] else 1<<9
  if A[0]=='inf': return 1 if neg else 1<<7
  e=(a>>(f.p-1))&((1<<f.eb)-1)
  if A[1]==0: return 1<<3 if neg else 1<<4
  if e==0: return 1<<2 if neg else 1<<5
  return 1<<1 if neg else 1<<6
def fs(x): return struct.unpack('<I',struct.pack('<f',x))[0]
def fd(x): return struct.unpack('<Q',struct.pack('<d',x))[0]
