import numpy as np, json, os, sys
np.random.seed(231)
N, D, H1, H2, C = 2, 15, 20, 30, 10
X = np.random.randn(N, D)
y = np.random.randint(C, size=(N,))
dims=[D,H1,H2,C]; P={}
for i in range(3):
    P['W%d'%(i+1)] = 5e-2*np.random.randn(dims[i],dims[i+1]); P['b%d'%(i+1)] = np.zeros(dims[i+1])
def lossgrad(P):
    hs=[X]; As=[]
    h=X
    for i in range(1,3):
        a=h@P['W%d'%i]+P['b%d'%i]; As.append(a); h=np.maximum(0,a); hs.append(h)
    s=h@P['W3']+P['b3']
    s2=s-s.max(1,keepdims=True); lp=s2-np.log(np.exp(s2).sum(1,keepdims=True)); p=np.exp(lp)
    L=-lp[np.arange(N),y].mean()
    ds=p.copy(); ds[np.arange(N),y]-=1; ds/=N
    g={}; d=ds
    for i in range(3,0,-1):
        g['W%d'%i]=hs[i-1].T@d; g['b%d'%i]=d.sum(0)
        if i>1: d=(d@P['W%d'%i].T)*(As[i-2]>0)
    return L,g
def rel(a,b): return np.max(np.abs(a-b)/np.maximum(1e-8,np.abs(a)+np.abs(b)))
L,g=lossgrad(P); print('loss',L)
for n in sorted(P):
    num=np.zeros_like(P[n]); a=P[n]
    for i in np.ndindex(a.shape):
        o=a[i]; a[i]=o+1e-5; fp=lossgrad(P)[0]; a[i]=o-1e-5; fm=lossgrad(P)[0]; a[i]=o
        num[i]=(fp-fm)/2e-5
    print(n, rel(g[n],num))
if len(sys.argv)>1:
    out=sys.argv[1]; os.makedirs(out,exist_ok=True)
    for n,a in P.items(): np.save(f'{out}/param.{n}.npy',a)
    np.save(f'{out}/x.npy',X); np.save(f'{out}/labels.npy',y.astype(np.float64))
    for n,a in g.items(): np.save(f'{out}/expected-grad.{n}.npy',a)
    print(float(L))
