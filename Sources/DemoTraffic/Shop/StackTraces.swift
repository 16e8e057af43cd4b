/// Canned stack traces in each service's language, for the `exception` events of failures.
enum StackTraces {
    static let providerTimeout = """
        java.net.SocketTimeoutException: Read timed out after 1200ms
        \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
        \tat java.net.http/jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:934)
        \tat com.shop.billing.provider.PayClient.charge(PayClient.java:88)
        \tat com.shop.billing.ChargeService.attempt(ChargeService.java:141)
        \tat com.shop.billing.ChargeService.charge(ChargeService.java:97)
        \tat com.shop.billing.api.ChargeController.create(ChargeController.java:52)
        """

    static let providerUnavailable = """
        com.shop.billing.provider.ProviderException: payment provider answered 503 Service Unavailable
        \tat com.shop.billing.provider.PayClient.check(PayClient.java:131)
        \tat com.shop.billing.provider.PayClient.charge(PayClient.java:92)
        \tat com.shop.billing.ChargeService.attempt(ChargeService.java:141)
        \tat com.shop.billing.api.ChargeController.create(ChargeController.java:52)
        """

    static let circuitOpen = """
        io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'payment-provider' is OPEN and does not permit further calls
        \tat io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(CallNotPermittedException.java:48)
        \tat com.shop.billing.ChargeService.charge(ChargeService.java:88)
        \tat com.shop.billing.api.ChargeController.create(ChargeController.java:52)
        """

    static let sagaStep = """
        com.shop.orders.saga.SagaStepFailedException: checkout step failed
        \tat com.shop.orders.saga.CheckoutSaga.run(CheckoutSaga.java:77)
        \tat com.shop.orders.saga.SagaOrchestrator.execute(SagaOrchestrator.java:45)
        \tat com.shop.orders.api.CheckoutController.checkout(CheckoutController.java:39)
        """

    static let shipping = """
        Error: carrier API responded 503
            at CarrierClient.createLabel (/app/src/carrier/client.js:41:11)
            at async ShipmentService.book (/app/src/shipments/service.js:88:19)
            at async /app/src/routes/shipments.js:23:5
        """
}
