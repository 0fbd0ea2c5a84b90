package rank

import (
	"math"
)

// Group is one question's candidates, for fitting a ranking: the feature
// vector of each and whether it answers the question.
type Group struct {
	X      [][]float64
	Answer []bool
	Weight float64 // how much the question counts; 0 means 1
}

// FitRank fits ranking weights on questions whose answers are known: it
// maximises, over the groups, the log of the probability a softmax over
// the candidates' scores gives the candidates that answer (listwise
// learning to rank), with an L2 penalty of l2 on the weights. Groups with
// no answering candidate, or only answering ones, teach nothing and are
// skipped. The loss is convex, so the fit does not depend on a start.
func FitRank(groups []Group, dims int, l2 float64) Linear {
	var gs []Group
	for _, g := range groups {
		pos := 0
		for _, a := range g.Answer {
			if a {
				pos++
			}
		}
		if pos > 0 && pos < len(g.Answer) {
			gs = append(gs, g)
		}
	}
	loss := func(w []float64, grad []float64) float64 {
		clear(grad)
		total, n := 0.0, 0.0
		s := make([]float64, 0, 64)
		for _, g := range gs {
			s = s[:0]
			top := math.Inf(-1)
			for _, x := range g.X {
				v := dot(w, x)
				s = append(s, v)
				top = max(top, v)
			}
			var all, pos float64
			for i, v := range s {
				e := math.Exp(v - top)
				s[i] = e
				all += e
				if g.Answer[i] {
					pos += e
				}
			}
			wt := g.Weight
			if wt == 0 {
				wt = 1
			}
			n += wt
			total -= wt * math.Log(pos/all)
			for i, x := range g.X {
				c := s[i] / all // the softmax's share
				if g.Answer[i] {
					c -= s[i] / pos // the answers' share among themselves
				}
				for k, v := range x {
					grad[k] += wt * c * v
				}
			}
		}
		n = max(n, 1)
		total /= n
		for k := range grad {
			grad[k] = grad[k]/n + 2*l2*w[k]
			total += l2 * w[k] * w[k]
		}
		return total
	}
	w := minimize(loss, make([]float64, dims))
	return Linear{W: w}
}

// FitLogistic fits a logistic model of y from x, maximising the weighted
// log-likelihood with an L2 penalty of l2 on the weights (not the bias).
// A nil weight counts every sample once.
func FitLogistic(x [][]float64, y []bool, weight []float64, dims int, l2 float64) Linear {
	loss := func(p []float64, grad []float64) float64 {
		clear(grad)
		total, n := 0.0, 0.0
		b, w := p[0], p[1:]
		for i, xi := range x {
			wt := 1.0
			if weight != nil {
				wt = weight[i]
			}
			n += wt
			z := b + dot(w, xi)
			// log(1+e^-z) for a positive, log(1+e^z) for a negative,
			// computed without overflow.
			t := z
			if y[i] {
				t = -z
			}
			total += wt * softplus(t)
			g := sigmoid(z)
			if y[i] {
				g -= 1
			}
			g *= wt
			grad[0] += g
			for k, v := range xi {
				grad[1+k] += g * v
			}
		}
		n = max(n, 1)
		total /= n
		grad[0] /= n
		for k := range w {
			grad[1+k] = grad[1+k]/n + 2*l2*w[k]
			total += l2 * w[k] * w[k]
		}
		return total
	}
	p := minimize(loss, make([]float64, dims+1))
	return Linear{Bias: p[0], W: p[1:]}
}

func softplus(t float64) float64 {
	if t > 30 {
		return t
	}
	return math.Log1p(math.Exp(t))
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range b {
		s += a[i] * v
	}
	return s
}

// minimize finds a minimum of a smooth convex function by BFGS with a
// backtracking line search. f returns the value at x and writes the
// gradient into grad. The dimension is small (tens), so the inverse
// Hessian is kept whole.
func minimize(f func(x, grad []float64) float64, x []float64) []float64 {
	n := len(x)
	g := make([]float64, n)
	fx := f(x, g)
	h := identity(n)
	d := make([]float64, n)
	xn := make([]float64, n)
	gn := make([]float64, n)
	s := make([]float64, n)
	yv := make([]float64, n)
	for iter := 0; iter < 500; iter++ {
		for i := range d {
			d[i] = -dot(h[i], g)
		}
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: start again from the gradient
			h = identity(n)
			for i := range d {
				d[i] = -g[i]
			}
			slope = dot(g, d)
		}
		step, fn := 1.0, 0.0
		for {
			for i := range xn {
				xn[i] = x[i] + step*d[i]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope || step < 1e-12 {
				break
			}
			step /= 2
		}
		for i := range s {
			s[i], yv[i] = xn[i]-x[i], gn[i]-g[i]
		}
		copy(x, xn)
		copy(g, gn)
		done := math.Abs(fx-fn) < 1e-10*(1+math.Abs(fx))
		fx = fn
		if done || math.Sqrt(dot(g, g)) < 1e-7 {
			break
		}
		sy := dot(s, yv)
		if sy <= 1e-12 {
			continue
		}
		// The BFGS update of the inverse Hessian.
		hy := make([]float64, n)
		for i := range hy {
			hy[i] = dot(h[i], yv)
		}
		yhy := dot(yv, hy)
		for i := range n {
			for j := range n {
				h[i][j] += (sy+yhy)*s[i]*s[j]/(sy*sy) - (hy[i]*s[j]+s[i]*hy[j])/sy
			}
		}
	}
	return x
}

func identity(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		m[i][i] = 1
	}
	return m
}
