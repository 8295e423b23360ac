// Live tensor memory of a process, for comparing this port's activation peaks with the Python
// reference's independently of the allocator (RSS mixes in what malloc keeps cached).
//
// An LD_PRELOAD shim that counts the bytes handed out by posix_memalign (libtorch's CPU tensor
// allocator, c10::alloc_cpu, allocates through it in both libtorch 2.10 and torch 1.13) and not
// yet freed. On SIGUSR1 it prints "MEMTRACK cur <MB> peak <MB>" to stderr, then the sizes (MiB) of
// the live allocations >= 1 MiB and the native stack at the moment of the highest peak since the
// previous signal, and resets the peak. glibc only (do not combine with tcmalloc's preload).
//
//   gcc -O2 -shared -fPIC -o libmemtrack.so memtrack.c -ldl
//   LD_PRELOAD=$PWD/libmemtrack.so java ...      # the process sends itself SIGUSR1 around a forward
//
// Without the preload SIGUSR1 terminates the process: send it only when the shim is loaded.
// docs/performance.md ("Memory") has the figures it measured.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <stdint.h>
#include <stdatomic.h>
#include <execinfo.h>
#define BIGN 4096
static void* bigp[BIGN]; static size_t bigs[BIGN]; static int nb=0;
static size_t snap[BIGN]; static int nsnap=0; static void* bt[16]; static int nbt=0; static volatile int armed=0, inbt=0;
#define CAP (1<<20)
static void* keys[CAP]; static size_t vals[CAP];
static atomic_flag lk = ATOMIC_FLAG_INIT;
static size_t cur=0, peak=0, nbig=0;
static int (*real_pm)(void**, size_t, size_t);
static void (*real_free)(void*);
static inline size_t h(void*p){ return (((uintptr_t)p)>>6)*11400714819323198485ull >> 44; }
static void lock(){ while(atomic_flag_test_and_set(&lk)); }
static void unlock(){ atomic_flag_clear(&lk); }
static void onsig(int s){ if(nsnap){ char b2[64]; size_t tot=0; for(int i=0;i<nsnap;i++){ int n2=snprintf(b2,64,"%.0f ",snap[i]/1048576.0); write(2,b2,n2); tot+=snap[i];} write(2,"\n",1); backtrace_symbols_fd(bt,nbt,2); nsnap=0; } armed=1; char b[128]; int n=snprintf(b,sizeof b,"MEMTRACK cur %.1f MB peak %.1f MB\n",cur/1048576.0,peak/1048576.0); write(2,b,n); peak=cur; }
__attribute__((constructor)) static void init(){ real_free=dlsym(RTLD_NEXT,"free"); real_pm=dlsym(RTLD_NEXT,"posix_memalign"); signal(SIGUSR1,onsig); }
int posix_memalign(void**out,size_t al,size_t n){
  if(!real_pm) real_pm=dlsym(RTLD_NEXT,"posix_memalign");
  int r=real_pm(out,al,n);
  if(r==0 && n>=4096){ lock(); size_t i=h(*out)&(CAP-1); while(keys[i]) i=(i+1)&(CAP-1); keys[i]=*out; vals[i]=n; cur+=n; if(n>=(1<<20) && nb<BIGN){ bigp[nb]=*out; bigs[nb++]=n; } if(cur>peak){peak=cur; if(armed && n>=(1<<20)){ nsnap=nb; memcpy(snap,bigs,nb*sizeof(size_t)); if(!inbt){inbt=1; nbt=backtrace(bt,16); inbt=0;} } } unlock(); }
  return r;
}
void free(void*p){
  if(!real_free){ static int in; if(in) return; in=1; real_free=dlsym(RTLD_NEXT,"free"); in=0; }
  if(p){ lock(); size_t i=h(p)&(CAP-1); while(keys[i]){ if(keys[i]==p){ cur-=vals[i]; if(vals[i]>=(1<<20)){ for(int q=0;q<nb;q++) if(bigp[q]==p){ bigp[q]=bigp[nb-1]; bigs[q]=bigs[nb-1]; nb--; break; } }
        // backward-shift deletion
        size_t j=i; for(;;){ j=(j+1)&(CAP-1); if(!keys[j]) break; size_t k=h(keys[j])&(CAP-1);
          if((j>i && (k<=i || k>j)) || (j<i && (k<=i && k>j))){ keys[i]=keys[j]; vals[i]=vals[j]; i=j; } }
        keys[i]=0; break; } i=(i+1)&(CAP-1);} unlock(); }
  real_free(p);
}
