/** Sums over scored container-days, for one recommender (and one kind, for the breakdown). */
export class Totals {
  containerDays = 0;
  cpuMinutes = 0;
  cpuRequestSum = 0;
  cpuSlackSum = 0;
  cpuRiskMinutes = 0;
  throttleRiskMinutes = 0;
  memoryMinutes = 0;
  memoryRequestSum = 0;
  memorySlackSum = 0;
  memoryAboveRequestMinutes = 0;
  ooms = 0;
  churnSum = 0;
  churnDays = 0;
  pinnedDays = 0;
  pinnedHandled = 0;
  pinnedMinutes = 0;
  pinnedAboveRequestMinutes = 0;
  pinnedAboveLimitMinutes = 0;

  add(other: Totals): void {
    for (const key of Object.keys(this) as Array<keyof Totals>) {
      if (typeof this[key] === 'number') (this[key] as number) += other[key] as number;
    }
  }

  get cpuSlack(): number {
    return ratio(this.cpuSlackSum, this.cpuRequestSum);
  }
  get memorySlack(): number {
    return ratio(this.memorySlackSum, this.memoryRequestSum);
  }
  /** The goal's "average slack": CPU and memory slack, averaged. */
  get averageSlack(): number {
    return (this.cpuSlack + this.memorySlack) / 2;
  }
  get cpuRisk(): number {
    return ratio(this.cpuRiskMinutes, this.cpuMinutes);
  }
  get throttleRisk(): number {
    return ratio(this.throttleRiskMinutes, this.cpuMinutes);
  }
  get oomsPer100ContainerDays(): number {
    return ratio(this.ooms * 100, this.containerDays);
  }
  get memoryAboveRequest(): number {
    return ratio(this.memoryAboveRequestMinutes, this.memoryMinutes);
  }
  get churn(): number {
    return ratio(this.churnSum, this.churnDays);
  }
  get pinnedHandledShare(): number {
    return this.pinnedDays === 0 ? 1 : this.pinnedHandled / this.pinnedDays;
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
